'use strict';
// The dashboard's plotly.js: core + the two trace types it draws (bar, sankey) + the Korean locale.
var Plotly = require('plotly.js/lib/core');
Plotly.register([require('plotly.js/lib/bar'), require('plotly.js/lib/sankey'), require('plotly.js/lib/locales/ko')]);
module.exports = Plotly;
