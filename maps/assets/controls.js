/* incident-mapper map page: our own small controls on top of Leaflet.
 *
 * Fullscreen, mouse position, distance measure, minimap, search, time range and the
 * incident list. Each takes the page's ``app`` (see layers.js) and returns a control.
 */
(function () {
  "use strict";

  var incimap = window.incimap;
  var el = incimap.el;
  var append = incimap.append;
  var controls = (incimap.controls = {});

  function button(label, title) {
    var b = el("button", "incimap-button", label);
    b.type = "button";
    b.title = title;
    b.setAttribute("aria-label", title);
    return b;
  }

  // Fullscreen with the Fullscreen API; a CSS fallback where the API is missing.
  controls.fullscreen = function (app) {
    return incimap.control("topleft", "incimap-fullscreen leaflet-bar", function (box, map) {
      var b = button("", "Full screen");
      // Four corner brackets, drawn by us (no icon font, nothing fetched).
      b.innerHTML = '<svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">' +
        '<path d="M1 5V1h4M11 1h4v4M15 11v4h-4M5 15H1v-4" fill="none" stroke="currentColor" ' +
        'stroke-width="2"/></svg>';
      box.appendChild(b);
      var container = map.getContainer();
      function isFull() {
        return document.fullscreenElement === container ||
          L.DomUtil.hasClass(container, "incimap-pseudo-fullscreen");
      }
      L.DomEvent.on(b, "click", function () {
        if (isFull()) {
          if (document.fullscreenElement) document.exitFullscreen();
          L.DomUtil.removeClass(container, "incimap-pseudo-fullscreen");
        } else if (container.requestFullscreen) {
          container.requestFullscreen().catch(function () {
            L.DomUtil.addClass(container, "incimap-pseudo-fullscreen");
            map.invalidateSize();
          });
        } else {
          L.DomUtil.addClass(container, "incimap-pseudo-fullscreen");
        }
        setTimeout(function () { map.invalidateSize(); }, 200);
      });
      document.addEventListener("fullscreenchange", function () {
        map.invalidateSize();
      });
      app.fullscreen = { button: b, isFull: isFull };
    });
  };

  // Latitude and longitude under the mouse.
  controls.mousePosition = function () {
    return incimap.control("bottomleft", "incimap-mouse-position", function (box, map) {
      box.textContent = "\u2014";
      map.on("mousemove", function (e) {
        box.textContent = incimap.formatLatLon(e.latlng.lat, e.latlng.lng);
      });
    });
  };

  // Click points to measure a path; distances along great circles (Leaflet's haversine).
  controls.measure = function (app) {
    return incimap.control("topleft", "incimap-measure leaflet-bar", function (box, map) {
      var b = button("\u2194", "Measure distance (click points, double-click or Esc to end)");
      var readout = el("div", "incimap-measure-readout");
      readout.hidden = true;
      append(box, b, readout);
      var layer = L.layerGroup();
      var points = [];
      var line = null;
      var active = false;

      function total() {
        var m = 0;
        for (var i = 1; i < points.length; i++) m += map.distance(points[i - 1], points[i]);
        return m;
      }
      function update() {
        readout.textContent = points.length < 2 ? "Click on the map to add points" :
          (total() / 1000).toFixed(2) + " km (" + (points.length - 1) + " legs)";
      }
      function onClick(e) {
        points.push(e.latlng);
        L.circleMarker(e.latlng, { radius: 3, color: "#c0392b", interactive: false })
          .addTo(layer);
        if (line) line.setLatLngs(points);
        else line = L.polyline(points, { color: "#c0392b", dashArray: "6 4",
          interactive: false }).addTo(layer);
        update();
      }
      function stop() {
        active = false;
        L.DomUtil.removeClass(b, "incimap-active");
        L.DomUtil.removeClass(map.getContainer(), "incimap-measuring");
        map.off("click", onClick);
        map.doubleClickZoom.enable();
      }
      function start() {
        active = true;
        points = [];
        line = null;
        layer.clearLayers().addTo(map);
        readout.hidden = false;
        update();
        L.DomUtil.addClass(b, "incimap-active");
        L.DomUtil.addClass(map.getContainer(), "incimap-measuring");
        map.on("click", onClick);
        map.doubleClickZoom.disable();
      }
      L.DomEvent.on(b, "click", function () {
        if (active) {
          stop();
          layer.remove();
          readout.hidden = true;
        } else {
          start();
        }
      });
      map.on("dblclick", function () { if (active) stop(); });
      document.addEventListener("keydown", function (e) {
        if (active && e.key === "Escape") stop();
      });
      app.measure = { start: start, stop: stop, points: function () { return points; },
        totalKm: function () { return total() / 1000; } };
    });
  };

  // A small overview map: outlines and route, with the main view as a rectangle.
  controls.minimap = function (app) {
    return incimap.control("bottomright", "incimap-minimap", function (box, map) {
      var holder = el("div", "incimap-minimap-map");
      box.appendChild(holder);
      app.afterAdd.push(function () {
        var mini = L.map(holder, {
          attributionControl: false, zoomControl: false, dragging: false,
          scrollWheelZoom: false, doubleClickZoom: false, boxZoom: false, keyboard: false,
          touchZoom: false, inertia: false, fadeAnimation: false, zoomAnimation: false,
          center: map.getCenter(), zoom: Math.max(0, map.getZoom() - 4),
        });
        app.overviewLayers().forEach(function (layer) { layer.addTo(mini); });
        var rect = L.rectangle(map.getBounds(), { color: "#c0392b", weight: 1,
          fillOpacity: 0.1, interactive: false }).addTo(mini);
        function sync() {
          mini.setView(map.getCenter(), Math.max(0, map.getZoom() - 4), { animate: false });
          rect.setBounds(map.getBounds());
        }
        mini.on("click", function (e) { map.panTo(e.latlng); });
        map.on("moveend zoomend", sync);
        sync();
        app.minimap = mini;
      });
    });
  };

  // Search over mapped places, stations and incident titles.
  controls.search = function (app) {
    return incimap.control("topright", "incimap-search", function (box) {
      var input = el("input", "incimap-search-input");
      input.type = "search";
      input.placeholder = app.small ? "Search" : "Search places and incidents";
      input.setAttribute("aria-label", "Search places and incidents");
      var results = el("ul", "incimap-search-results");
      append(box, input, results);
      var limit = 20;

      function show(query) {
        results.textContent = "";
        var q = incimap.fold(query).trim();
        if (!q) return;
        var hits = app.searchIndex.filter(function (entry) {
          return entry.folded.indexOf(q) !== -1;
        });
        hits.slice(0, limit).forEach(function (entry) {
          var li = el("li");
          var b = el("button", "incimap-search-hit");
          b.type = "button";
          append(b, el("span", "incimap-search-kind", entry.kind), " ", entry.label);
          L.DomEvent.on(b, "click", function () {
            entry.focus();
            results.textContent = "";
          });
          li.appendChild(b);
          results.appendChild(li);
        });
        if (!hits.length) results.appendChild(el("li", "incimap-search-none", "No match"));
        else if (hits.length > limit) {
          results.appendChild(el("li", "incimap-search-none",
            (hits.length - limit) + " more \u2013 type more letters"));
        }
      }
      L.DomEvent.on(input, "input", function () { show(input.value); });
      L.DomEvent.on(input, "keydown", function (e) {
        if (e.key === "Enter") {
          var first = results.querySelector("button");
          if (first) first.click();
        } else if (e.key === "Escape") {
          input.value = "";
          results.textContent = "";
        }
      });
      app.search = { input: input, show: show };
    });
  };

  // Two sliders choosing the first and last day shown; incidents outside are hidden.
  // ``folded``: start as one button (small screens), the sliders behind it.
  controls.timeRange = function (app, folded) {
    return incimap.control("bottomleft", "incimap-time", function (outer) {
      var range = app.dayRange();
      var toggle = button("Dates", "Show or hide the date range");
      toggle.className += " incimap-time-toggle";
      var box = el("div", "incimap-time-body");
      box.hidden = Boolean(folded);
      append(outer, toggle, box);
      L.DomEvent.on(toggle, "click", function () { box.hidden = !box.hidden; });
      box.appendChild(el("div", "incimap-time-title", "Incident dates"));
      var label = el("div", "incimap-time-label");
      var count = el("div", "incimap-time-count");
      function slider(name, value) {
        var s = el("input", "incimap-time-" + name);
        s.type = "range";
        s.min = range ? range[0] : 0;
        s.max = range ? range[1] : 0;
        s.step = 1;
        s.value = value;
        s.disabled = !range || range[0] === range[1];
        s.setAttribute("aria-label", name === "from" ? "First date shown" : "Last date shown");
        return s;
      }
      var from = slider("from", range ? range[0] : 0);
      var to = slider("to", range ? range[1] : 0);
      var reset = button("All dates", "Show every date");
      reset.className += " incimap-time-reset";
      append(box, label, from, to, count, reset);

      function refresh() {
        var a = Number(from.value);
        var b = Number(to.value);
        if (a > b) {
          var t = a;
          a = b;
          b = t;
        }
        label.textContent = range ? incimap.dayToIso(a) + " \u2192 " + incimap.dayToIso(b) :
          "no dated incidents";
        var shown = app.filterDays(range ? a : null, range ? b : null);
        count.textContent = shown + " of " + app.incidentTotal() + " incidents shown";
        toggle.textContent = "Dates (" + shown + " of " + app.incidentTotal() + ")";
      }
      // With many incidents, re-clustering on every slider step would stutter: wait for a pause.
      var timer = null;
      function scheduled() {
        if (app.incidentTotal() <= 2000) return refresh();
        clearTimeout(timer);
        timer = setTimeout(refresh, 250);
      }
      L.DomEvent.on(from, "input", scheduled);
      L.DomEvent.on(to, "input", scheduled);
      L.DomEvent.on(reset, "click", function () {
        if (range) {
          from.value = range[0];
          to.value = range[1];
        }
        refresh();
      });
      app.afterAdd.push(refresh);
      app.time = {
        set: function (a, b) {
          from.value = incimap.dayNumber(a);
          to.value = incimap.dayNumber(b);
          refresh();
        },
        label: label,
        body: box,
      };
    });
  };

  // The list of incidents (those the time range shows); a click zooms to one.
  controls.incidentList = function (app, position) {
    return incimap.control(position || "topleft", "incimap-panel", function (box) {
      var toggle = button("Incidents", "Show or hide the list of incidents");
      toggle.className += " incimap-panel-toggle";
      var body = el("div", "incimap-panel-body");
      var list = el("ol", "incimap-panel-list");
      var note = el("p", "incimap-panel-note");
      append(body, list, note);
      append(box, toggle, body);
      body.hidden = window.innerWidth < 900;
      L.DomEvent.on(toggle, "click", function () { body.hidden = !body.hidden; });
      var limit = 500;

      function render() {
        list.textContent = "";
        var items = app.visibleIncidents();
        toggle.textContent = "Incidents (" + items.length + ")";
        items.slice(0, limit).forEach(function (item) {
          var p = item.props;
          var li = el("li", "incimap-panel-item");
          var b = el("button", "incimap-panel-hit");
          b.type = "button";
          b.setAttribute("data-incident-id", String(p.id));
          var style = app.eventStyle(p.event_type);
          append(b, incimap.symbolElement(style.symbol, style.color,
            p.curated ? "#000000" : "#ffffff", p.curated ? 3 : 2, 14),
            el("span", "incimap-panel-date", p.date ? incimap.dateLabel(p) : "undated"), " ",
            el("span", "incimap-panel-title", p.title || p.event_type));
          L.DomEvent.on(b, "click", function () { app.focusIncident(item.key); });
          li.appendChild(b);
          list.appendChild(li);
        });
        var notes = [];
        if (items.length > limit) {
          notes.push((items.length - limit) + " more: narrow the dates to list them.");
        }
        var unmapped = app.data.unmapped || [];
        if (unmapped.length) {
          notes.push("Not on the map (no location): " + unmapped.map(function (u) {
            return (u.date ? incimap.dateLabel(u) + " " : "") + (u.title || u.event_type);
          }).join("; "));
        }
        var unlocated = app.data.unlocated || [];
        if (unlocated.length) {
          notes.push("Places not located (not in the gazetteer): " + unlocated.map(function (u) {
            return u.name + " (" + u.role_label + ")";
          }).join("; "));
        }
        note.textContent = notes.join(" ");
      }
      app.onFilter.push(render);
      app.incidentListBody = body;
    });
  };
})();
