export = [];
