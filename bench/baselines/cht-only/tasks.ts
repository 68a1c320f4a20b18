/** cht-conf's lib.js and emitters with no definition: the part of every contact's cost that is CHT's and cht-conf's, whatever the app. */
export = [];
