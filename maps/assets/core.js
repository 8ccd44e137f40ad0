/* incident-mapper map page: shared helpers.
 *
 * Our own code, on top of Leaflet only. Rule for every file here: text that came from an
 * article or a data file is set with textContent (or as a DOM text node), never through
 * innerHTML, so it always shows literally. The only markup we build from strings is SVG
 * from our own constant tables, with colours checked against a strict pattern.
 */
(function () {
  "use strict";

  var incimap = (window.incimap = window.incimap || {});
  incimap.instances = incimap.instances || [];

  // An element with a class and a text; falsy text leaves it empty.
  incimap.el = function (tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null && text !== "") node.textContent = String(text);
    return node;
  };

  // Append children (elements or strings, the latter as text nodes); returns the parent.
  incimap.append = function (parent) {
    for (var i = 1; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return parent;
  };

  var HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
  incimap.safeColor = function (color, fallback) {
    return HEX_COLOR.test(color) ? color : fallback || "#777777";
  };

  // Symbol outlines on a 24x24 grid; keys are the only shapes the page can draw.
  var SHAPES = {
    circle: '<circle cx="12" cy="12" r="9"/>',
    square: '<rect x="4" y="4" width="16" height="16"/>',
    diamond: '<polygon points="12,2 22,12 12,22 2,12"/>',
    triangle: '<polygon points="12,3 22,20 2,20"/>',
    star: '<polygon points="12,1.5 14.8,8.6 22.5,9 16.5,13.9 18.5,21.5 12,17.3 5.5,21.5 ' +
      '7.5,13.9 1.5,9 9.2,8.6"/>',
    hexagon: '<polygon points="12,2 20.7,7 20.7,17 12,22 3.3,17 3.3,7"/>',
    pentagon: '<polygon points="12,2 21.5,8.9 17.9,20 6.1,20 2.5,8.9"/>',
    cross: '<polygon points="9,2 15,2 15,9 22,9 22,15 15,15 15,22 9,22 9,15 2,15 2,9 9,9"/>',
  };

  // SVG markup for a symbol: only constants, a checked colour and a clamped number go in.
  incimap.symbolSvg = function (shape, fill, stroke, strokeWidth, px) {
    var body = SHAPES[shape] || SHAPES.circle;
    var size = Math.max(6, Math.min(64, Math.round(Number(px) || 14)));
    var width = Math.max(0, Math.min(6, Number(strokeWidth) || 0));
    return (
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="-2 -2 28 28" width="' + size +
      '" height="' + size + '" aria-hidden="true" focusable="false"><g fill="' +
      incimap.safeColor(fill) + '" stroke="' + incimap.safeColor(stroke, "#ffffff") +
      '" stroke-width="' + width + '" stroke-linejoin="round">' + body + "</g></svg>"
    );
  };

  // A DOM element holding a symbol (for the legend and lists).
  incimap.symbolElement = function (shape, fill, stroke, strokeWidth, px) {
    var span = incimap.el("span", "incimap-symbol");
    span.innerHTML = incimap.symbolSvg(shape, fill, stroke, strokeWidth, px);
    return span;
  };

  // "2025-03-11" -> whole days since 1970 (UTC); partial "2025-03" -> its first day.
  incimap.dayNumber = function (iso) {
    var m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(String(iso || ""));
    if (!m) return null;
    var t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3] || 1));
    return isNaN(t) ? null : Math.round(t / 86400000);
  };

  // An incident's date as geo.dates.display_date wrote it (no finer than its precision).
  incimap.dateLabel = function (props) {
    return props.date_label || props.date || "";
  };

  incimap.dayToIso = function (day) {
    return new Date(day * 86400000).toISOString().slice(0, 10);
  };

  // Case- and accent-insensitive form of a text, for search.
  incimap.fold = function (text) {
    return String(text || "")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
  };

  incimap.formatNumber = function (value, digits) {
    if (value === null || value === undefined || value === "") return "";
    var n = Number(value);
    if (!isFinite(n)) return "";
    return n.toFixed(digits === undefined ? 1 : digits);
  };

  incimap.formatLatLon = function (lat, lon) {
    var ns = lat >= 0 ? "N" : "S";
    var ew = lon >= 0 ? "E" : "W";
    return Math.abs(lat).toFixed(4) + "\u00b0 " + ns + ", " + Math.abs(lon).toFixed(4) +
      "\u00b0 " + ew;
  };

  // Leaflet control made from a builder function (our controls are small).
  incimap.control = function (position, className, build) {
    var Control = L.Control.extend({
      onAdd: function (map) {
        var container = L.DomUtil.create("div", "leaflet-control incimap-control " + className);
        L.DomEvent.disableClickPropagation(container);
        L.DomEvent.disableScrollPropagation(container);
        build(container, map, this);
        return container;
      },
    });
    return new Control({ position: position });
  };
})();
