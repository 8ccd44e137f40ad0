/* incident-mapper map page: popups and tooltips, built as DOM nodes from data. */
(function () {
  "use strict";

  var incimap = window.incimap;
  var el = incimap.el;
  var append = incimap.append;

  // A "label: value" row; skipped when the value is empty.
  function row(table, label, value) {
    if (value === null || value === undefined || value === "") return;
    var tr = el("tr");
    append(tr, el("th", "", label), el("td", "", value));
    table.appendChild(tr);
  }

  // "0.42 (low): location 0.81, date 0.50, ..." from the reader's fitted confidences.
  function confidenceText(props, low) {
    var fields = props.field_confidence || {};
    var parts = Object.keys(fields).sort().map(function (k) {
      return k.replace("_", " ") + " " + incimap.formatNumber(fields[k], 2);
    });
    return incimap.formatNumber(props.confidence, 2) + (props.confidence < low ? " (low)" : "") +
      (parts.length ? ": " + parts.join(", ") : "");
  }

  function precisionText(labels, code) {
    var label = labels[String(code)];
    return label ? code + " \u2013 " + label : String(code || "");
  }

  function placeText(place) {
    var parts = [place.name];
    var within = [place.admin2, place.admin1, place.country].filter(Boolean).join(", ");
    if (within) parts.push("(" + within + ")");
    return parts.join(" ");
  }

  function routeText(km, offsetKm) {
    var hasOffset = offsetKm !== null && offsetKm !== undefined;
    if (km === null || km === undefined) {
      // No km beyond the route's reach: say how far instead.
      return hasOffset ? "far from the route (" + incimap.formatNumber(offsetKm, 0) + " km)" : "";
    }
    var text = "km " + incimap.formatNumber(km, 1);
    if (offsetKm !== null && offsetKm !== undefined) {
      text += ", " + incimap.formatNumber(offsetKm, 1) + " km from the line";
    }
    return text;
  }

  // Words that stand for a number ("several passengers"): shown as written, with the
  // conservative count ACLED's rules give them.
  var VAGUE = ["several", "dozens", "scores", "hundreds", "thousands", "tens", "a few", "many",
               "numerous", "a handful", "a couple"];

  // "at least 27 militants (Associated Press)"; a range when the wording gives one.
  function figureText(f) {
    var value = String(f.value);
    if (f.high !== null && f.high !== undefined && f.high !== f.value) value += "\u2013" + f.high;
    var text = VAGUE.indexOf(f.qualifier) >= 0
      ? [f.qualifier, f.who].filter(Boolean).join(" ") + " (counted as " + value + ")"
      : [f.qualifier, value, f.who].filter(Boolean).join(" ");
    if (f.claimed_by) text += " (" + f.claimed_by + ")";
    return text;
  }

  function figuresBlock(props) {
    var kinds = [];
    var byKind = {};
    (props.figures || []).forEach(function (f) {
      if (!byKind[f.kind]) {
        byKind[f.kind] = [];
        kinds.push(f.kind);
      }
      byKind[f.kind].push(f);
    });
    var counted = { fatalities: props.fatalities, injured: props.injured,
      hostages: props.hostages, rescued: props.rescued };
    ["fatalities", "injured", "hostages", "rescued"].forEach(function (k) {
      if (!byKind[k] && counted[k] !== null && counted[k] !== undefined &&
          (k !== "fatalities" || counted[k] > 0)) {
        byKind[k] = [];
        kinds.push(k);
      }
    });
    if (!kinds.length) return null;
    var box = el("div", "incimap-figures");
    box.appendChild(el("h4", "", "Figures and competing claims"));
    var list = el("ul");
    kinds.forEach(function (kind) {
      var li = el("li");
      var head = kind;
      if (counted[kind] !== null && counted[kind] !== undefined) {
        head += ": " + counted[kind] + (byKind[kind].length > 1 ? " (lowest claim)" : "");
      }
      append(li, el("strong", "", head));
      if (byKind[kind].length) {
        var claims = el("ul", "incimap-claims");
        byKind[kind].forEach(function (f) {
          claims.appendChild(el("li", "", figureText(f)));
        });
        li.appendChild(claims);
      }
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  function quotesBlock(quotes, heading) {
    if (!quotes || !quotes.length) return null;
    var box = el("div", "incimap-quotes");
    box.appendChild(el("h4", "", heading));
    quotes.forEach(function (q) {
      var text = typeof q === "string" ? q : q.text;
      var quote = el("blockquote", "incimap-quote", text);
      if (q.supports && q.supports.length) {
        quote.appendChild(el("span", "incimap-supports", "supports: " + q.supports.join(", ")));
      }
      box.appendChild(quote);
    });
    return box;
  }

  incimap.incidentPopup = function (props, styles) {
    var root = el("div", "incimap-popup incimap-incident-popup");
    root.setAttribute("data-incident-id", String(props.id));
    append(root, el("h3", "incimap-popup-title", props.title || props.event_type));
    if (props.curated) root.appendChild(el("div", "incimap-badge", "curated (human-verified)"));
    if (props.also_automatic) {
      root.appendChild(el("div", "incimap-badge incimap-badge-automatic",
        "automatic (also read from the article)"));
    }
    var table = el("table", "incimap-facts");
    // Shown no finer than its precision; the recorded ACLED date follows for exports.
    row(table, "Date", props.date ? (props.date_label || props.date) + " (" +
      (styles.time_precision_labels[String(props.time_precision)] || "precision " +
      props.time_precision) + "; recorded as " + props.date + ")" : "unknown");
    row(table, "Type", [props.event_type, props.sub_event_type].filter(Boolean).join(" \u2013 "));
    row(table, "Actors", [props.actor1, props.actor2].filter(Boolean).join(" vs "));
    var place = props.place;
    row(table, "Place", placeText(place) + " \u2013 " + place.feature_type);
    row(table, "Precision", precisionText(styles.geo_precision_labels, place.geo_precision) +
      (place.radius_km ? ", \u00b1" + incimap.formatNumber(place.radius_km, 0) + " km" : ""));
    row(table, "Coordinates", incimap.formatLatLon(place.lat, place.lon));
    row(table, "Route", routeText(props.route_km, props.offset_km));
    if (props.confidence !== null && props.confidence !== undefined) {
      row(table, "Confidence", confidenceText(props, styles.low_confidence));
    }
    root.appendChild(table);
    append(root, figuresBlock(props), quotesBlock(props.quotes, "From the article"));
    if (props.notes) root.appendChild(el("p", "incimap-notes", props.notes));
    if (props.source) root.appendChild(el("p", "incimap-source", "Source: " + props.source));
    return root;
  };

  incimap.placePopup = function (props, styles) {
    var place = props.place;
    var root = el("div", "incimap-popup incimap-place-popup");
    append(root, el("h3", "incimap-popup-title", place.name));
    var table = el("table", "incimap-facts");
    var roleLabel = styles.role_labels[props.role] || props.role;
    row(table, "Role", props.role + " (" + roleLabel + ")");
    row(table, "Written as", (props.surfaces || []).join("; "));
    row(table, "Feature", place.feature_type + (props.hints && props.hints.length ?
      " (text says: " + props.hints.join("; ") + ")" : ""));
    row(table, "Within", [place.admin2, place.admin1, place.country].filter(Boolean).join(", "));
    row(table, "Coordinates", incimap.formatLatLon(place.lat, place.lon));
    row(table, "Precision", precisionText(styles.geo_precision_labels, place.geo_precision) +
      (place.radius_km ? ", \u00b1" + incimap.formatNumber(place.radius_km, 0) + " km" : ""));
    row(table, "Match", [props.match_kind, props.score ? "score " + props.score : ""]
      .filter(Boolean).join(", "));
    row(table, "Gazetteer", place.gazetteer_id);
    row(table, "Route", routeText(props.route_km, props.offset_km));
    root.appendChild(table);
    if (props.alternatives && props.alternatives.length) {
      var box = el("div", "incimap-alternatives");
      box.appendChild(el("h4", "", "Other candidates"));
      var list = el("ul");
      props.alternatives.forEach(function (a) {
        list.appendChild(el("li", "", placeText(a) + " \u2013 " + a.feature_type + ", " +
          incimap.formatLatLon(a.lat, a.lon)));
      });
      box.appendChild(list);
      root.appendChild(box);
    }
    append(root, quotesBlock(props.sentences, "In the article"));
    return root;
  };

  incimap.stationPopup = function (station, routeName) {
    var root = el("div", "incimap-popup incimap-station-popup");
    append(root, el("h3", "incimap-popup-title", station.name));
    var table = el("table", "incimap-facts");
    row(table, "Route", routeName);
    if (station.km !== null && station.km !== undefined) {
      row(table, "Railway km", incimap.formatNumber(station.km, 1) + " (published km post)");
    } else if (station.km_estimated !== null && station.km_estimated !== undefined) {
      row(table, "Railway km", "\u2248" + incimap.formatNumber(station.km_estimated, 1) +
        " (interpolated)");
    }
    row(table, "Coordinates", incimap.formatLatLon(station.lat, station.lon) +
      (station.coord_estimated ? " (estimated)" : ""));
    if (station.coord_source) row(table, "Coordinates from", station.coord_source);
    root.appendChild(table);
    return root;
  };

  incimap.segmentPopup = function (segment, route) {
    var root = el("div", "incimap-popup incimap-segment-popup");
    var from = route.stations[segment.index], to = route.stations[segment.index + 1];
    append(root, el("h3", "incimap-popup-title", from.name + " \u2013 " + to.name));
    append(root, el("p", "incimap-segment-note", segment.note));
    return root;
  };

  // A short tooltip: one line of text.
  incimap.tooltip = function (text) {
    return el("span", "incimap-tooltip", text);
  };
})();
