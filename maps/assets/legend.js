/* incident-mapper map page: the legend, explaining every colour and symbol drawn. */
(function () {
  "use strict";

  var incimap = window.incimap;
  var el = incimap.el;
  var append = incimap.append;

  function entry(symbol, text) {
    var li = el("li", "incimap-legend-entry");
    append(li, symbol, el("span", "incimap-legend-text", text));
    return li;
  }

  function swatch(className, color) {
    var s = el("span", "incimap-swatch " + className);
    s.style.setProperty("--swatch", incimap.safeColor(color));
    return s;
  }

  function section(body, heading, entries) {
    if (!entries.length) return;
    body.appendChild(el("h4", "", heading));
    var list = el("ul", "incimap-legend-list");
    entries.forEach(function (e) { list.appendChild(e); });
    body.appendChild(list);
  }

  // ``folded``: start as one button (small screens), where the open legend would cover
  // half the map and the markers under it.
  incimap.controls.legend = function (app, folded) {
    return incimap.control("bottomright", "incimap-legend", function (box) {
      var data = app.data;
      var styles = data.styles;
      var toggle = el("button", "incimap-button incimap-legend-toggle", "Legend");
      toggle.type = "button";
      toggle.title = "Show or hide the legend";
      var body = el("div", "incimap-legend-body");
      body.hidden = Boolean(folded);
      append(box, toggle, body);
      L.DomEvent.on(toggle, "click", function () { body.hidden = !body.hidden; });

      var types = Object.keys(data.event_styles);
      section(body, "Incidents by type", types.map(function (t) {
        var s = data.event_styles[t];
        return entry(incimap.symbolElement(s.symbol, s.color, "#ffffff", 2, 16), t);
      }));
      var kinds = [];
      var anyType = types.length ? data.event_styles[types[0]] : { symbol: "circle",
        color: "#777777" };
      if (app.hasAutomatic()) {
        kinds.push(entry(incimap.symbolElement(anyType.symbol, anyType.color,
          styles.automatic_outline, 2, 16), "found in the article (white outline)"));
      }
      if (app.hasCurated()) {
        kinds.push(entry(incimap.symbolElement(anyType.symbol, anyType.color,
          styles.curated_outline, 3, 16), "curated, human-verified (black outline)"));
      }
      if (app.hasDoubtful()) {
        var faded = incimap.symbolElement(anyType.symbol, anyType.color,
          styles.automatic_outline, 2, 16);
        faded.classList.add("incimap-doubtful");
        kinds.push(entry(faded, "low confidence (below " + styles.low_confidence +
          "): faded, dashed ring; check the popup"));
      }
      if (app.cluster) {
        kinds.push(entry(swatch("incimap-swatch-cluster", "#37474f"),
          "cluster: incidents close together (click to zoom in)"));
      }
      section(body, "Source", kinds);
      if (types.length) {
        section(body, "Size: fatalities (lowest claim)", styles.marker_sizes.map(function (m) {
          return entry(incimap.symbolElement("circle", "#9e9e9e", "#ffffff", 2, m.px),
            String(m.fatalities));
        }));
      }
      section(body, "Places named in the article, by role", app.rolesPresent().map(function (r) {
        return entry(swatch("incimap-swatch-dot", styles.role_colors[r] ||
          styles.unknown_role_color), r + " \u2013 " + (styles.role_labels[r] || r));
      }));
      var other = [];
      if (data.route) {
        other.push(entry(swatch("incimap-swatch-line", styles.route_color),
          "Route: " + data.route.name));
        if ((data.route.segments || []).some(function (g) { return g.interpolated; })) {
          other.push(entry(swatch("incimap-swatch-line incimap-swatch-dashed",
            styles.route_color), "Route, interpolated: estimated stations or a curving " +
            "track drawn straight (click it for why)"));
        }
        other.push(entry(swatch("incimap-swatch-station", styles.route_color),
          "Station (label: name \u00b7 railway km)"));
      }
      if (app.hasUncertainty()) {
        other.push(entry(swatch("incimap-swatch-area", styles.uncertainty_color),
          "Uncertainty: where the place could be (radius or province)"));
      }
      if (data.outlines) {
        other.push(entry(swatch("incimap-swatch-border", "#6b6b6b"),
          "Province / country border"));
      }
      section(body, "Other", other);
      app.legend = { body: body };
    });
  };
})();
