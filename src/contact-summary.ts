export = { fields: [], cards: [], context: {} };
