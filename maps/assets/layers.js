/* incident-mapper map page: builds every layer from the page's JSON data, adds the
 * controls, and exposes a few read-only hooks (window.incimap.*) used by the tests.
 *
 * incimap.init(map, dataElement, groups): ``map`` is the Leaflet map, ``dataElement`` the
 * JSON data element (type application/json), ``groups`` the feature groups (one per
 * entry of data.layers, by id) that the layer control toggles.
 */
(function () {
  "use strict";

  var incimap = window.incimap;
  var el = incimap.el;

  // Incidents at the very same point are drawn on a small ring around it, each with a leg
  // to a dot at the true point, so all stay visible and clickable and none looks as if it
  // were somewhere else (display only: popups give the true coordinates).
  function ringOffset(k, n, px) {
    if (n < 2) return [0, 0];
    var r = Math.max(0.75 * px, (n * px) / (2 * Math.PI));
    var angle = (2 * Math.PI * k) / n - Math.PI / 2;
    return [Math.round(r * Math.cos(angle)), Math.round(r * Math.sin(angle))];
  }

  // The leg from the true point (icon coordinates) to the symbol's centre: numbers only.
  function legSvg(d, px) {
    var x = px / 2 - d[0];
    var y = px / 2 - d[1];
    return '<svg class="incimap-leg" width="' + px + '" height="' + px + '" aria-hidden="true">' +
      '<line x1="' + x + '" y1="' + y + '" x2="' + px / 2 + '" y2="' + px / 2 +
      '" stroke="#333" stroke-width="1.5"/><circle cx="' + x + '" cy="' + y +
      '" r="2.5" fill="#333"/></svg>';
  }

  // Popups keep clear of the title bar when they pan the map into view.
  var POPUP = { className: "incimap-leaflet-popup", autoPanPaddingTopLeft: [20, 60],
    autoPanPaddingBottomRight: [20, 20] };

  function clusterIcon(color) {
    var fill = incimap.safeColor(color);
    return function (cluster) {
      var n = Number(cluster.getChildCount());
      var size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
      return L.divIcon({
        html: '<div style="background:' + fill + '"><span>' + n + "</span></div>",
        className: "marker-cluster incimap-cluster",
        iconSize: L.point(size, size),
      });
    };
  }

  function cssToken(text) {
    return String(text || "").toLowerCase().replace(/[^a-z0-9_-]/g, "-");
  }

  function App(map, data, groups) {
    this.map = map;
    this.data = data;
    this.groups = groups;
    this.defs = {};
    this.items = []; // one per incident marker: {marker, props, day, layer, shown}
    this.byKey = {};
    this.containers = {}; // unclustered: incident layer id -> layer group of its markers
    this.cluster = null; // clustered: the one cluster group of all incident markers
    this.whenLoadedCallbacks = [];
    this.searchIndex = [];
    this.onFilter = [];
    this.afterAdd = [];
    this.pending = 0; // cluster loads still running in chunks
    this.labels = [];
    var self = this;
    data.layers.forEach(function (def) { self.defs[def.id] = def; });
  }

  App.prototype.group = function (layerId) {
    return this.groups[layerId] || null;
  };

  App.prototype.eventStyle = function (eventType) {
    return this.data.event_styles[eventType] || { color: "#7f7f7f", symbol: "circle" };
  };

  App.prototype.ensureShown = function (layerId) {
    var group = this.group(layerId);
    if (group && !this.map.hasLayer(group)) this.map.addLayer(group);
  };

  // ----------------------------------------------------------------- incidents

  // Clustered (many incidents): one cluster group on the map holds the markers of every
  // incident layer that is switched on, so clusters mix types and stay few. Unclustered:
  // each layer's feature group holds a plain layer group of its markers.
  App.prototype.buildIncidents = function () {
    var self = this;
    var data = this.data;
    var styles = data.styles;
    if (data.cluster && L.MarkerClusterGroup) {
      this.cluster = L.markerClusterGroup({
        chunkedLoading: true,
        showCoverageOnHover: false,
        maxClusterRadius: 50,
        iconCreateFunction: clusterIcon("#37474f"),
        chunkProgress: function (done, total) {
          if (done === total) self.loaded();
        },
      }).addTo(this.map);
    }
    data.layers.forEach(function (def) {
      if (def.kind !== "incidents" && def.kind !== "curated") return;
      var group = self.group(def.id);
      if (!group) return;
      if (self.cluster) {
        group.on("add remove", function () { self.refreshIncidents(); });
      } else {
        self.containers[def.id] = L.layerGroup().addTo(group);
      }
    });
    // Group incidents by exact position (clustering already separates them when on).
    var atPoint = {};
    data.incidents.features.forEach(function (f) {
      var key = f.geometry.coordinates.join(",");
      var group = (atPoint[key] = atPoint[key] || { n: 0, px: 0, next: 0 });
      group.n += 1;
      group.px = Math.max(group.px, Number(f.properties.px) || 14);
    });
    data.incidents.features.forEach(function (feature) {
      var p = feature.properties;
      var c = feature.geometry.coordinates;
      var group = atPoint[c.join(",")];
      var style = self.eventStyle(p.event_type);
      var px = Number(p.px) || 14;
      var d = self.cluster ? [0, 0] : ringOffset(group.next++, group.n, group.px);
      var icon = L.divIcon({
        html: (d[0] || d[1] ? legSvg(d, px) : "") + incimap.symbolSvg(style.symbol, style.color,
          p.curated ? styles.curated_outline : styles.automatic_outline,
          p.curated ? 3 : 2, px),
        className: "incimap-marker incimap-incident" + (p.curated ? " incimap-curated" : "") +
          (p.low_confidence ? " incimap-doubtful" : ""),
        iconSize: [px, px],
        iconAnchor: [px / 2 - d[0], px / 2 - d[1]],
        popupAnchor: [d[0], d[1] - px / 2],
      });
      var marker = L.marker([c[1], c[0]], {
        icon: icon,
        title: (p.date ? incimap.dateLabel(p) + " \u2013 " : "") + (p.title || p.event_type),
        alt: p.title || p.event_type,
        riseOnHover: true,
      });
      marker.bindPopup(function () { return incimap.incidentPopup(p, styles); },
        L.extend({ maxWidth: 400, minWidth: 260 }, POPUP));
      marker.on("add", function () {
        var node = marker.getElement();
        if (node) {
          node.setAttribute("data-incident-id", String(p.id));
          node.setAttribute("data-layer", String(p.layer));
        }
      });
      var item = { marker: marker, props: p, day: incimap.dayNumber(p.date), layer: p.layer,
        shown: true, key: "i" + self.items.length };
      self.items.push(item);
      self.byKey[item.key] = item;
      self.searchIndex.push({
        kind: "incident",
        label: (p.date ? incimap.dateLabel(p) + " " : "") + (p.title || p.event_type),
        folded: incimap.fold([p.title, p.event_type, p.place.name, p.actor1, p.actor2]
          .join(" ")),
        focus: function () { self.focusIncident(item.key); },
      });
    });
  };

  App.prototype.layerOn = function (layerId) {
    var group = this.group(layerId);
    return Boolean(group && this.map.hasLayer(group));
  };

  // Put the markers that the time range shows into their layers (or the cluster group).
  // While the cluster group still loads in chunks, the newest request waits for it.
  App.prototype.refreshIncidents = function () {
    var self = this;
    if (this.pending > 0) {
      this.refreshQueued = true;
      return;
    }
    if (this.cluster) {
      var markers = this.items.filter(function (i) {
        return i.shown && self.layerOn(i.layer);
      }).map(function (i) { return i.marker; });
      this.cluster.clearLayers();
      this.pending += 1; // chunkProgress reports the end, even for an empty list
      this.cluster.addLayers(markers);
      return;
    }
    Object.keys(this.containers).forEach(function (id) {
      var container = self.containers[id];
      container.clearLayers();
      self.items.forEach(function (i) {
        if (i.layer === id && i.shown) container.addLayer(i.marker);
      });
    });
  };

  App.prototype.loaded = function () {
    this.pending = Math.max(0, this.pending - 1);
    if (this.pending > 0) return;
    if (this.refreshQueued) {
      this.refreshQueued = false;
      this.refreshIncidents();
      if (this.pending > 0) return;
    }
    var callbacks = this.whenLoadedCallbacks;
    this.whenLoadedCallbacks = [];
    callbacks.forEach(function (fn) { fn(); });
  };

  App.prototype.whenLoaded = function (fn) {
    if (this.pending === 0) fn();
    else this.whenLoadedCallbacks.push(fn);
  };

  App.prototype.dayRange = function () {
    var lo = null;
    var hi = null;
    this.items.forEach(function (i) {
      if (i.day === null) return;
      if (lo === null || i.day < lo) lo = i.day;
      if (hi === null || i.day > hi) hi = i.day;
    });
    return lo === null ? null : [lo, hi];
  };

  App.prototype.incidentTotal = function () {
    return this.items.length;
  };

  // Show only incidents dated within [a, b] (days); undated ones always show.
  App.prototype.filterDays = function (a, b) {
    var shown = 0;
    this.items.forEach(function (item) {
      item.shown = a === null || item.day === null || (item.day >= a && item.day <= b);
      if (item.shown) shown += 1;
    });
    this.refreshIncidents();
    this.onFilter.forEach(function (fn) { fn(); });
    return shown;
  };

  // In the order the incidents were given: an article's reader lists its main incident
  // first, so the list opens with the story's headline event, not its oldest background.
  App.prototype.visibleIncidents = function () {
    return this.items.filter(function (i) { return i.shown; });
  };

  // Zoom to an incident (by its key, or its id) and open its popup.
  App.prototype.focusIncident = function (keyOrId) {
    var item = this.byKey[keyOrId] || this.items.filter(function (i) {
      return i.props.id === keyOrId;
    })[0];
    if (!item) return false;
    var self = this;
    if (!item.shown && this.time) {
      var range = this.dayRange();
      if (range) this.time.set(incimap.dayToIso(range[0]), incimap.dayToIso(range[1]));
    }
    this.ensureShown(item.layer);
    this.whenLoaded(function () {
      if (self.cluster) {
        self.cluster.zoomToShowLayer(item.marker, function () { item.marker.openPopup(); });
      } else {
        self.map.setView(item.marker.getLatLng(), Math.max(self.map.getZoom(), 9),
          { animate: false });
        item.marker.openPopup();
      }
    });
    return true;
  };

  App.prototype.hasAutomatic = function () {
    return this.data.layers.some(function (d) { return d.kind === "incidents"; });
  };

  App.prototype.hasDoubtful = function () {
    return this.data.incidents.features.some(function (f) { return f.properties.low_confidence; });
  };

  App.prototype.hasCurated = function () {
    return this.data.layers.some(function (d) { return d.kind === "curated"; });
  };

  // ----------------------------------------------------------------- places

  App.prototype.buildPlaces = function () {
    var self = this;
    var styles = this.data.styles;
    this.data.places.features.forEach(function (feature) {
      var p = feature.properties;
      var c = feature.geometry.coordinates;
      var marker = L.circleMarker([c[1], c[0]], {
        radius: 6,
        color: "#ffffff",
        weight: 1.5,
        fillColor: incimap.safeColor(styles.role_colors[p.role], styles.unknown_role_color),
        fillOpacity: 0.95,
        className: "incimap-place incimap-role-" + cssToken(p.role),
      });
      marker.bindPopup(function () { return incimap.placePopup(p, styles); },
        L.extend({ maxWidth: 380 }, POPUP));
      marker.bindTooltip(function () {
        return incimap.tooltip(p.place.name + " \u2013 " + p.role);
      });
      var group = self.group(p.layer);
      if (group) group.addLayer(marker);
      self.searchIndex.push({
        kind: "place",
        label: p.place.name + " (" + p.role + ")",
        folded: incimap.fold([p.place.name].concat(p.surfaces || []).join(" ")),
        focus: function () { self.focusLayer(p.layer, marker); },
      });
    });
  };

  App.prototype.rolesPresent = function () {
    return this.data.layers.filter(function (d) { return d.kind === "places"; })
      .map(function (d) { return d.role; });
  };

  App.prototype.focusLayer = function (layerId, marker) {
    this.ensureShown(layerId);
    this.map.setView(marker.getLatLng(), Math.max(this.map.getZoom(), 9), { animate: false });
    marker.openPopup();
  };

  // ----------------------------------------------------------------- uncertainty

  App.prototype.buildUncertainty = function () {
    var self = this;
    var shapes = this.data.uncertainty || [];
    var def = this.data.layers.filter(function (d) { return d.kind === "uncertainty"; })[0];
    if (!def || !shapes.length) return;
    var group = this.group(def.id);
    var color = incimap.safeColor(this.data.styles.uncertainty_color);
    var options = {
      color: color, weight: 1, opacity: 0.8, dashArray: "4 4", fillColor: color,
      fillOpacity: 0.07, interactive: false, className: "incimap-uncertainty",
    };
    options.pane = "incimapUncertainty";
    if (shapes.length > 300) options.renderer = L.canvas({ padding: 0.2, pane: options.pane });
    function build() {
      shapes.forEach(function (s) {
        var layer = s.geometry ? L.geoJSON(s.geometry, { style: function () { return options; },
          interactive: false, pane: options.pane }) :
          L.circle([s.lat, s.lon], L.extend({ radius: s.radius_km * 1000 }, options));
        group.addLayer(layer);
      });
      self.uncertaintyBuilt = true;
    }
    // Many shapes cost time: build them only once the layer is switched on.
    if (this.map.hasLayer(group)) build();
    else group.once("add", build);
  };

  App.prototype.hasUncertainty = function () {
    return (this.data.uncertainty || []).length > 0;
  };

  // ----------------------------------------------------------------- route

  App.prototype.routeLatLngs = function () {
    return this.data.route.line.map(function (c) { return [c[1], c[0]]; });
  };

  App.prototype.buildRoute = function () {
    var self = this;
    var route = this.data.route;
    if (!route) return;
    var styles = this.data.styles;
    var lineDef = this.data.layers.filter(function (d) { return d.kind === "route"; })[0];
    var labelDef = this.data.layers.filter(function (d) { return d.kind === "route_km"; })[0];
    var group = lineDef && this.group(lineDef.id);
    if (!group) return;
    var color = incimap.safeColor(styles.route_color);
    var latlngs = this.routeLatLngs();
    L.polyline(latlngs, { color: "#ffffff", weight: 7, opacity: 0.85, interactive: false })
      .addTo(group);
    // Interpolated segments (estimated stations, chords across curves) are dashed, each with
    // its note; the rest is one solid line.
    var solid = [];
    var estimated = {};
    (route.segments || []).forEach(function (g) { if (g.interpolated) estimated[g.index] = g; });
    latlngs.slice(1).forEach(function (to, i) {
      var part = [latlngs[i], to];
      var g = estimated[i];
      if (!g) { solid.push(part); return; }
      L.polyline(part, { color: color, weight: 3.5, dashArray: "6 7",
        className: "incimap-route-interpolated" })
        .bindPopup(function () { return incimap.segmentPopup(g, route); }, POPUP)
        .bindTooltip(function () { return incimap.tooltip("Route: " + route.name +
          " (interpolated)"); }, { sticky: true })
        .addTo(group);
    });
    L.polyline(solid, { color: color, weight: 3.5, className: "incimap-route-line" })
      .bindTooltip(function () { return incimap.tooltip("Route: " + route.name); },
        { sticky: true })
      .addTo(group);
    var labelGroup = labelDef && this.group(labelDef.id);
    route.stations.forEach(function (s, index) {
      var marker = L.circleMarker([s.lat, s.lon], {
        radius: 4.5, color: color, weight: 2, fillColor: "#ffffff", fillOpacity: 1,
        className: "incimap-station",
      });
      marker.bindPopup(function () { return incimap.stationPopup(s, route.name); },
        POPUP);
      marker.bindTooltip(function () { return incimap.tooltip(s.name); });
      marker.addTo(group);
      self.searchIndex.push({
        kind: "station", label: s.name, folded: incimap.fold(s.name),
        focus: function () { self.focusLayer(lineDef.id, marker); },
      });
      if (!labelGroup) return;
      var km = s.km !== null && s.km !== undefined ? s.km : s.km_estimated;
      var text = el("span", "incimap-km-text", s.name);
      if (km !== null && km !== undefined) {
        incimap.append(text, el("span", "incimap-km-value",
          " \u00b7 km " + (s.km === null ? "\u2248" : "") + Math.round(km)));
      }
      var label = L.marker([s.lat, s.lon], {
        icon: L.divIcon({ html: text, className: "incimap-km-label", iconSize: null,
          iconAnchor: [-7, 9] }),
        interactive: false,
        keyboard: false,
        pane: "incimapLabels",
      });
      label.addTo(labelGroup);
      // First and last stations and those with published km posts win label space first.
      var first = index === 0 || index === route.stations.length - 1;
      self.labels.push({ marker: label, rank: first ? 0 : s.km !== null ? 1 : 2, order: index,
        station: true });
    });
  };

  // Where a label's text may go around its point, tried in turn (right, left, above,
  // below): a CSS transform of the text and the offset of its box's top-left corner from
  // the point, given the text's width w and height h. Stations' names start 7 px right of
  // the dot (icon anchor), towns' names 5 px right of theirs (after the dot).
  var STATION_PLACES = [
    ["", function (w, h) { return [7, -9]; }],
    ["translateX(calc(-100% - 14px))", function (w, h) { return [-7 - w, -9]; }],
    ["translate(calc(-50% - 7px), -17px)", function (w, h) { return [-w / 2, -26]; }],
    ["translate(calc(-50% - 7px), 18px)", function (w, h) { return [-w / 2, 9]; }],
  ];
  var TOWN_PLACES = [
    ["", function (w, h) { return [5, -h / 2]; }],
    ["translateX(calc(-100% - 11px))", function (w, h) { return [-6 - w, -h / 2]; }],
    ["translate(calc(-50% - 5px), -14px)", function (w, h) { return [-w / 2, -h / 2 - 14]; }],
    ["translate(calc(-50% - 5px), 14px)", function (w, h) { return [-w / 2, -h / 2 + 14]; }],
  ];
  // Area names are centred on their point.
  var CENTRED = [["", function (w, h) { return [-w / 2, -h / 2]; }]];
  var LABEL_MARGIN = 2; // px kept free on each side of a label

  function overlaps(a, b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  }

  // Boxes (container pixels) of the incident and place markers on screen.
  App.prototype.markerBoxes = function (origin) {
    var size = this.map.getSize();
    var boxes = [];
    var nodes = this.map.getContainer().querySelectorAll(
      ".incimap-incident, .marker-cluster, path.incimap-place");
    for (var i = 0; i < nodes.length; i++) {
      var r = nodes[i].getBoundingClientRect();
      var box = { x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height };
      if (box.w > 0 && box.x < size.x && box.y < size.y && box.x + box.w > 0 && box.y + box.h > 0) {
        boxes.push(box);
      }
    }
    return boxes;
  };

  // Labels in rank order: a label overlapping one already kept is hidden. Station and
  // town names move around their dot to keep clear of markers; basemap names (context)
  // are hidden where they would cover a marker, so they never hide the data. Boxes are
  // computed from each text's size (measured once) and its point, and every style is
  // written at the end, so a pan costs one layout, not one per label.
  App.prototype.declutterLabels = function () {
    var map = this.map;
    var size = map.getSize();
    var origin = map.getContainer().getBoundingClientRect();
    var markers = this.markerBoxes(origin);
    var kept = [];
    var writes = [];
    function free(box, others) {
      return !others.some(function (k) { return overlaps(box, k); });
    }
    this.labels.forEach(function (entry) {
      var node = entry.marker.getElement();
      if (!node || !map.hasLayer(entry.marker)) return;
      var text = node.querySelector(".incimap-context-name") || node.firstChild || node;
      if (!entry.size || entry.node !== node) {
        entry.node = node;
        entry.size = [text.offsetWidth, text.offsetHeight];
      }
      var w = entry.size[0];
      var h = entry.size[1];
      var p = map.latLngToContainerPoint(entry.marker.getLatLng());
      if (p.x < -w - 40 || p.y < -h - 40 || p.x > size.x + 40 || p.y > size.y + 40) {
        writes.push([node, text, null, ""]);
        return;
      }
      var places = entry.station ? STATION_PLACES : entry.kind === "town" ? TOWN_PLACES :
        CENTRED;
      var chosen = null;
      var fallback = null;
      var box = null;
      for (var i = 0; i < places.length && chosen === null; i++) {
        var d = places[i][1](w, h);
        var b = { x: p.x + d[0] - LABEL_MARGIN, y: p.y + d[1], w: w + 2 * LABEL_MARGIN, h: h };
        if (i === 0) box = b;
        if (!free(b, markers)) continue;
        if (free(b, kept)) chosen = [places[i][0], b];
        else if (fallback === null) fallback = [places[i][0], b];
      }
      var pick = chosen || fallback || [places[0][0], box];
      box = pick[1];
      var clash = !free(box, kept) || (entry.context && !free(box, markers));
      if (!clash) kept.push(box);
      writes.push([node, text, pick[0], clash ? "hidden" : ""]);
    });
    writes.forEach(function (w) {
      if (w[2] !== null && w[1] !== w[0]) w[1].style.transform = w[2];
      w[0].style.visibility = w[3];
    });
  };

  // ----------------------------------------------------------------- context labels

  // Place names of the offline basemap (geo.context chose them and their zooms): each is
  // on the map only within its zoom range; country and province names that the outlines
  // already label are left out.
  App.prototype.buildContext = function () {
    var self = this;
    var labels = this.data.context || [];
    var def = this.data.layers.filter(function (d) { return d.kind === "context"; })[0];
    var group = def && this.group(def.id);
    this.contextLabels = [];
    if (!group || !labels.length) return;
    var outlined = {};
    var outlines = this.data.outlines;
    if (outlines) {
      outlines.provinces.concat(outlines.countries).forEach(function (f) {
        if (f.properties.name) outlined[incimap.fold(f.properties.name)] = true;
      });
    }
    labels.forEach(function (c, index) {
      if (c.kind !== "town" && outlined[incimap.fold(c.name)]) return;
      var text = el("span", "incimap-context-text");
      if (c.kind === "town") incimap.append(text, el("span", "incimap-context-dot"));
      text.appendChild(el("span", "incimap-context-name", c.name));
      var marker = L.marker([c.lat, c.lon], {
        icon: L.divIcon({ html: text, className: "incimap-context-label incimap-context-" +
          cssToken(c.kind), iconSize: null, iconAnchor: [0, 0] }),
        interactive: false, keyboard: false, pane: "incimapContext",
      });
      var entry = { marker: marker, rank: 10, order: index, context: true,
        minZoom: Number(c.min_zoom), maxZoom: Number(c.max_zoom), group: group,
        name: c.name, kind: c.kind };
      self.contextLabels.push(entry);
      self.labels.push(entry);
    });
    this.showContextForZoom();
  };

  App.prototype.showContextForZoom = function () {
    var zoom = this.map.getZoom();
    this.contextLabels.forEach(function (e) {
      var on = zoom >= e.minZoom && zoom <= e.maxZoom;
      if (on && !e.group.hasLayer(e.marker)) e.group.addLayer(e.marker);
      else if (!on && e.group.hasLayer(e.marker)) e.group.removeLayer(e.marker);
    });
  };

  // ----------------------------------------------------------------- basemap outlines

  App.prototype.buildOutlines = function () {
    var outlines = this.data.outlines;
    if (!outlines) return;
    var attribution = outlines.attribution || "";
    var baseDef = this.data.layers.filter(function (d) { return d.kind === "outlines"; })[0];
    var borderDef = this.data.layers.filter(function (d) { return d.kind === "borders"; })[0];
    var base = baseDef && this.group(baseDef.id);
    if (base) {
      L.geoJSON({ type: "FeatureCollection", features: outlines.countries }, {
        style: function () {
          return { color: "#b0a99f", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 };
        },
        interactive: false,
        pane: "incimapOutlines",
        attribution: attribution,
      }).addTo(base);
    }
    var borders = borderDef && this.group(borderDef.id);
    if (!borders) return;
    L.geoJSON({ type: "FeatureCollection", features: outlines.provinces }, {
      style: function () {
        return { color: "#8a8a8a", weight: 1, dashArray: "3 3", fill: false };
      },
      interactive: false,
      pane: "incimapBorders",
    }).addTo(borders);
    L.geoJSON({ type: "FeatureCollection", features: outlines.countries }, {
      style: function () { return { color: "#555555", weight: 1.6, fill: false }; },
      interactive: false,
      pane: "incimapBorders",
    }).addTo(borders);
    var self = this;
    outlines.provinces.concat(outlines.countries).forEach(function (f) {
      var p = f.properties;
      if (!p.name || p.label_lat === undefined || p.label_lat === null) return;
      var text = el("span", "incimap-area-text", p.name);
      var label = L.marker([p.label_lat, p.label_lon], {
        icon: L.divIcon({ html: text, className: "incimap-area-label incimap-area-" +
          cssToken(p.kind), iconSize: null, iconAnchor: [0, 0] }),
        interactive: false, keyboard: false, pane: "incimapLabels",
      }).addTo(borders);
      self.labels.push({ marker: label, rank: p.kind === "country" ? 3 : 4, order: 0 });
    });
  };

  // Fresh copies of the context layers for the minimap (a layer lives on one map only).
  App.prototype.overviewLayers = function () {
    var layers = [];
    var renderer = L.canvas();
    if (this.data.outlines) {
      layers.push(L.geoJSON({ type: "FeatureCollection", features: this.data.outlines.countries },
        { style: function () {
          return { color: "#8a8a8a", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 };
        }, interactive: false, renderer: renderer }));
    }
    if (this.data.route) {
      layers.push(L.polyline(this.routeLatLngs(), { color: this.data.styles.route_color,
        weight: 2, interactive: false, renderer: renderer }));
    }
    return layers;
  };

  // ----------------------------------------------------------------- view

  App.prototype.dataBounds = function () {
    var defs = this.defs;
    var bounds = L.latLngBounds([]);
    this.data.incidents.features.concat(this.data.places.features).forEach(function (f) {
      var def = defs[f.properties.layer];
      if (!def || !def.fit) return;
      var c = f.geometry.coordinates;
      bounds.extend([c[1], c[0]]);
    });
    if (this.data.route) bounds.extend(L.latLngBounds(this.routeLatLngs()));
    return bounds;
  };

  // A phone-sized map: panels start collapsed, small controls hide, popups fit the screen.
  var SMALL_WIDTH = 640;
  var SMALL_HEIGHT = 500;
  App.prototype.isSmall = function () {
    var size = this.map.getSize();
    return size.x < SMALL_WIDTH || size.y < SMALL_HEIGHT;
  };

  // How far the controls reach into the map from its top and bottom edges (px).
  App.prototype.controlInsets = function () {
    var container = this.map.getContainer();
    var r = container.getBoundingClientRect();
    var insets = { top: 0, bottom: 0 };
    function reach(selector, edge) {
      var nodes = container.querySelectorAll(selector);
      for (var i = 0; i < nodes.length; i++) {
        var b = nodes[i].getBoundingClientRect();
        if (!b.width || !b.height) continue;
        if (edge === "top") insets.top = Math.max(insets.top, b.bottom - r.top);
        else insets.bottom = Math.max(insets.bottom, r.bottom - b.top);
      }
    }
    reach(".leaflet-top .leaflet-control, .incimap-title, .incimap-tile-notice", "top");
    reach(".leaflet-bottom .leaflet-control", "bottom");
    return insets;
  };

  // On a small screen a popup is as wide as the screen allows, as tall as the room the
  // controls leave, and pans into that room; open panels fold away so nothing covers it.
  App.prototype.fitPopup = function (popup) {
    if (!this.isSmall()) return;
    if (this.legend) this.legend.body.hidden = true;
    if (this.incidentListBody) this.incidentListBody.hidden = true;
    if (this.time && this.time.body) this.time.body.hidden = true;
    var size = this.map.getSize();
    var insets = this.controlInsets();
    var width = Math.max(160, size.x - 20 - 46); // 46: the popup's own margins and border
    popup.options.maxWidth = width;
    popup.options.minWidth = Math.min(popup.options.minWidth || 50, width);
    popup.options.maxHeight = Math.max(120, size.y - insets.top - insets.bottom - 70);
    popup.options.autoPanPaddingTopLeft = L.point(10, insets.top + 8);
    popup.options.autoPanPaddingBottomRight = L.point(10, insets.bottom + 8);
    popup.update();
  };

  // A visible notice when an online base layer's tiles fail (offline, blocked): without
  // it the land would just turn the background's blue.
  App.prototype.watchTiles = function () {
    var map = this.map;
    var notice = el("div", "incimap-tile-notice");
    notice.setAttribute("role", "alert");
    notice.hidden = true;
    map.getContainer().appendChild(notice);
    var current = null;
    function watch(layer) {
      if (!(layer instanceof L.TileLayer) || layer.incimapWatched) return;
      layer.incimapWatched = true;
      layer.on("tileerror", function () {
        if (!map.hasLayer(layer) || (current === layer && !notice.hidden)) return;
        current = layer;
        var host = "";
        try {
          host = new URL(String(layer._url).replace(/\{s\}/, "a")
            .replace(/\{[^}]*\}/g, "0")).hostname;
        } catch (err) {
          host = "";
        }
        notice.textContent = "Online map tiles could not be loaded" +
          (host ? " from " + host : "") + " (no internet?). Choose \u201cOffline outline " +
          "map\u201d in the layer control to see the outlines again.";
        notice.hidden = false;
      });
    }
    map.eachLayer(watch);
    map.on("layeradd", function (e) { watch(e.layer); });
    map.on("layerremove", function (e) {
      if (e.layer === current) {
        current = null;
        notice.hidden = true;
      }
    });
    this.tileNotice = notice;
  };

  // Fit the data into the part of the map that the side panels leave free.
  App.prototype.fit = function () {
    var bounds = this.dataBounds();
    if (!bounds.isValid()) return;
    var size = this.map.getSize();
    if (this.isSmall()) {
      var insets = this.controlInsets();
      this.map.fitBounds(bounds, { paddingTopLeft: [20, insets.top + 16],
        paddingBottomRight: [20, insets.bottom + 16], maxZoom: 11, animate: false });
      return;
    }
    var left = 40;
    var right = 40;
    var panel = this.incidentListBody;
    if (panel && !panel.hidden) left = panel.parentNode.offsetWidth + 30;
    var legend = this.legend && this.legend.body;
    if (legend && !legend.hidden) right = legend.parentNode.offsetWidth + 30;
    if (size.x - left - right < 300) left = right = 40;
    this.map.fitBounds(bounds, { paddingTopLeft: [left, 50], paddingBottomRight: [right, 30],
      maxZoom: 11, animate: false });
  };

  // On a small screen the incident list moves to the bottom beside the dates, so the top
  // holds one row of buttons under the title; the minimap and mouse position are hidden
  // (CSS), the legend, list and dates start folded behind their buttons.
  App.prototype.addControls = function () {
    var c = incimap.controls;
    var map = this.map;
    var small = this.isSmall();
    this.small = small;
    var container = map.getContainer();
    if (small) L.DomUtil.addClass(container, "incimap-small");
    if (this.data.title) {
      var title = el("div", "incimap-title", this.data.title);
      title.title = this.data.title;
      container.appendChild(title);
      if (small) container.style.setProperty("--incimap-top", title.offsetHeight + "px");
    }
    c.fullscreen(this).addTo(map);
    c.measure(this).addTo(map);
    c.incidentList(this, small ? "bottomleft" : "topleft").addTo(map);
    c.search(this).addTo(map);
    L.control.scale({ position: "bottomleft", imperial: true, metric: true }).addTo(map);
    c.mousePosition(this).addTo(map);
    c.timeRange(this, small).addTo(map);
    c.minimap(this).addTo(map);
    c.legend(this, small).addTo(map);
  };

  // Panes keep the drawing order whatever layer is toggled last: outlines under borders
  // under uncertainty under lines (overlayPane, 400) under basemap names under markers
  // (600) under the data's labels (station names: markers never hide them; they let taps
  // through) under tooltips (650) and popups (700).
  var PANES = { incimapOutlines: 250, incimapBorders: 300, incimapUncertainty: 350,
    incimapContext: 420, incimapLabels: 620 };

  App.prototype.start = function () {
    var self = this;
    var map = this.map;
    Object.keys(PANES).forEach(function (name) {
      if (!map.getPane(name)) map.createPane(name).style.zIndex = String(PANES[name]);
    });
    map.getPane("incimapLabels").style.pointerEvents = "none";
    map.getPane("incimapContext").style.pointerEvents = "none";
    // Clustering needs a maximum zoom, which a map without tile layers does not have.
    if (map.options.maxZoom === undefined) map.setMaxZoom(18);
    L.DomUtil.addClass(this.map.getContainer(), "incimap-map");
    this.buildOutlines();
    this.buildUncertainty();
    this.buildRoute();
    this.buildPlaces();
    this.buildIncidents();
    this.buildContext();
    this.labels.sort(function (a, b) { return a.rank - b.rank || a.order - b.order; });
    this.addControls();
    this.watchTiles();
    this.afterAdd.forEach(function (fn) { fn(); });
    this.fit();
    this.showContextForZoom();
    var timer = null;
    this.map.on("zoomend", function () { self.showContextForZoom(); });
    this.map.on("zoomend moveend overlayadd", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.declutterLabels(); }, 50);
    });
    this.map.on("popupopen", function (e) { self.fitPopup(e.popup); });
    this.declutterLabels();
  };

  incimap.init = function (map, dataElement, groups) {
    var data = JSON.parse(dataElement.textContent);
    var app = new App(map, data, groups || {});
    incimap.instances.push(app);
    app.start();
    return app;
  };

  // ----------------------------------------------------------------- hooks for tests

  function app(i) {
    return incimap.instances[i || 0];
  }
  incimap.app = app;
  // Incident markers on the map: in switched-on layers and inside the time range, whether
  // shown on their own or inside clusters.
  incimap.incidentCount = function (i) {
    var a = app(i);
    if (a.cluster) return a.cluster.getLayers().length;
    return Object.keys(a.containers).reduce(function (n, id) {
      return n + (a.layerOn(id) ? a.containers[id].getLayers().length : 0);
    }, 0);
  };
  // Incident marker elements on screen (clusters hide their members).
  incimap.visibleIncidentMarkers = function (i) {
    return app(i).map.getContainer().querySelectorAll(".incimap-incident").length;
  };
  incimap.ready = function (i) {
    var a = app(i);
    return Boolean(a) && a.pending === 0;
  };
  incimap.layers = function (i) {
    var a = app(i);
    return a.data.layers.map(function (d) {
      var group = a.group(d.id);
      return { id: d.id, kind: d.kind, label: d.label, count: d.count,
        on: Boolean(group && a.map.hasLayer(group)) };
    });
  };
  incimap.openIncident = function (id, i) {
    return app(i).focusIncident(id);
  };
  incimap.setDates = function (from, to, i) {
    app(i).time.set(from, to);
    return incimap.incidentCount(i);
  };
})();
