// The map: an offline base map (Natural Earth, served with the app as a script, no tiles), places as
// blue circles sized by the documents naming them, events as red diamonds, each kind clustered on a
// pixel grid at the current zoom (a cluster shows its count; a click zooms into it), and labels on the
// most named places. Everything the map draws is in the page or in scripts loaded before this one, so
// it is drawn at once when the page loads (no request to wait for). Popups, labels and cluster counts
// are DOM nodes filled with textContent: names and titles come from articles and are never HTML.
(function () {
  "use strict";

  var CELL = 44;        // cluster grid, in screen pixels
  var LABELS = 12;      // the most named places carry a permanent label
  var MAX_ZOOM = 7;     // the first view frames the most named places, no closer
  var EVENT_PANE = "nt-events";  // under the places' circles (overlay pane, 400) and their clusters

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function readJSON(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function confidence(value) {
    return (value === null || value === undefined) ? "" : " · confidence " + Number(value).toFixed(2);
  }

  function placePopup(p) {
    var box = el("div", null, { "class": "map-popup" });
    box.appendChild(el("h4", p.name));
    box.appendChild(el("p", (p.country || "") + " · " + p.documents + " document(s), " + p.mentions + " mention(s)" +
      " · precision " + p.precision + confidence(p.confidence)));
    if (p.first_date) { box.appendChild(el("p", p.first_date + (p.last_date && p.last_date !== p.first_date ? " → " + p.last_date : ""))); }
    var links = el("p");
    links.appendChild(el("a", "stories", { href: "/stories?place=" + encodeURIComponent(p.name) }));
    links.appendChild(document.createTextNode(" · "));
    links.appendChild(el("a", "search", { href: "/search?q=" + encodeURIComponent(p.name) }));
    if (p.entity_id) {
      links.appendChild(document.createTextNode(" · "));
      links.appendChild(el("a", "entity page", { href: "/entities/" + encodeURI(p.entity_id) }));
    }
    box.appendChild(links);
    return box;
  }

  function eventPopup(e) {
    var box = el("div", null, { "class": "map-popup" });
    box.appendChild(el("h4", (e.type || "event").replace(/_/g, " ") + (e.status ? " (" + e.status + ")" : "")));
    box.appendChild(el("p", [e.place_name, e.event_date || e.doc_date].filter(Boolean).join(" · ") + confidence(e.confidence)));
    if (e.fatalities !== null && e.fatalities !== undefined) { box.appendChild(el("p", "fatalities: " + e.fatalities)); }
    var link = el("p");
    link.appendChild(el("a", e.doc_title || e.doc_id, { href: "/documents/" + encodeURIComponent(e.doc_id) }));
    box.appendChild(link);
    return box;
  }

  function placeMarker(p, labelled) {
    var m = L.circleMarker([p.lat, p.lon], {
      radius: 4 + Math.min(12, 3 * Math.log2(1 + p.documents)),
      color: "#1a5fb4", weight: 1, fillColor: "#3584e4", fillOpacity: 0.65, className: "nt-place"
    });
    var label = el("span", p.name + " (" + p.documents + ")");
    m.bindTooltip(label, labelled ? { permanent: true, direction: "right", offset: [6, 0], className: "nt-label" } : {});
    m.bindPopup(placePopup(p));
    return m;
  }

  function eventMarker(e) {
    // Drawn just left of its point: a place named there keeps its circle and its label (to the right).
    var icon = L.divIcon({ className: "nt-event", html: el("span", null, { "class": "nt-diamond" }), iconSize: [14, 14], iconAnchor: [16, 7] });
    var m = L.marker([e.lat, e.lon], { icon: icon, keyboard: false, pane: EVENT_PANE });
    m.bindTooltip(el("span", (e.type || "event").replace(/_/g, " ")));
    m.bindPopup(eventPopup(e));
    return m;
  }

  function clusterMarker(map, kind, members, labelled) {
    var lat = 0, lon = 0;
    members.forEach(function (x) { lat += x.lat; lon += x.lon; });
    var size = 22 + Math.min(18, 4 * Math.log2(members.length));
    var icon = L.divIcon({
      className: "nt-cluster nt-cluster-" + kind,
      html: el("span", members.length),
      iconSize: [size, size],
      iconAnchor: kind === "event" ? [size + 4, size / 2] : [size / 2, size / 2]
    });
    var options = { icon: icon, keyboard: false };
    if (kind === "event") { options.pane = EVENT_PANE; }
    var m = L.marker([lat / members.length, lon / members.length], options);
    var what = kind === "place" ? " places" : " events";
    var names = members.slice(0, 5).map(function (x) { return x.name || x.place_name || x.type; }).join(", ");
    // A cluster holding one of the most named places is labelled with it (members come most named first).
    var top = labelled ? members.filter(labelled)[0] : null;
    if (top) {
      m.bindTooltip(el("span", top.name + " and " + (members.length - 1) + " more"),
        { permanent: true, direction: "right", offset: [size / 2, 0], className: "nt-label" });
    } else {
      m.bindTooltip(el("span", members.length + what + ": " + names + (members.length > 5 ? ", …" : "")));
    }
    m.on("click", function () {
      var bounds = L.latLngBounds(members.map(function (x) { return [x.lat, x.lon]; }));
      map.fitBounds(bounds.pad(0.3), { maxZoom: map.getZoom() + 3, animate: false });
    });
    return m;
  }

  // Points of one kind that fall in the same grid cell at this zoom become one cluster.
  function grid(map, points) {
    var zoom = map.getZoom();
    var cells = {};
    var order = [];
    points.forEach(function (x) {
      var px = map.project([x.lat, x.lon], zoom);
      var key = Math.floor(px.x / CELL) + ":" + Math.floor(px.y / CELL);
      if (!cells[key]) { cells[key] = []; order.push(key); }
      cells[key].push(x);
    });
    return order.map(function (k) { return cells[k]; });
  }

  function draw(map, layer, kind, points, single, labelled) {
    layer.clearLayers();
    var shown = 0;
    grid(map, points).forEach(function (members) {
      layer.addLayer(members.length === 1 ? single(members[0]) : clusterMarker(map, kind, members, labelled));
      shown += 1;
    });
    return shown;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var node = document.getElementById("map");
    if (!node || typeof L === "undefined") { return; }
    try {
      var data = readJSON("map-data") || { places: [], events: [] };
      var basemap = window.NT_BASEMAP || {};
      var map = L.map(node, { zoomSnap: 0.5, worldCopyJump: true, fadeAnimation: false, zoomAnimation: false });
      map.attributionControl.addAttribution("Base map: Natural Earth");
      map.createPane(EVENT_PANE).style.zIndex = "390";
      map.createPane("nt-base").style.zIndex = "250";  // the base map, under every marker
      if (basemap.world) {
        L.geoJSON(basemap.world, { pane: "nt-base", interactive: false, style: { color: "#8c99a6", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 } }).addTo(map);
      }
      if (basemap.admin1) {
        L.geoJSON(basemap.admin1, { pane: "nt-base", interactive: false, style: { color: "#b3a58f", weight: 0.6, fill: false, dashArray: "2 3" } }).addTo(map);
      }
      // The list comes most named first: those get labels, and frame the first view.
      var places = data.places;
      var events = data.events.filter(function (e) { return e.lat !== null && e.lon !== null; });
      var top = {};
      places.slice(0, LABELS).forEach(function (p) { top[p.name + "|" + p.lat + "|" + p.lon] = true; });
      function labelled(p) { return top[p.name + "|" + p.lat + "|" + p.lon] === true; }
      // Countries sit at their centre point, far from where things happen: towns and regions frame the view.
      var local = places.filter(function (p) { return p.precision < 3; });
      var focus = (local.length ? local : places).slice(0, 15).map(function (p) { return [p.lat, p.lon]; });
      if (focus.length) {
        map.fitBounds(L.latLngBounds(focus).pad(0.15), { maxZoom: MAX_ZOOM, animate: false });
      } else {
        map.setView([48.5, 31.0], 5);
      }
      var placeLayer = L.featureGroup().addTo(map);
      var eventLayer = L.featureGroup().addTo(map);
      function redraw() {
        var shown = draw(map, placeLayer, "place", places, function (p) {
          return placeMarker(p, labelled(p));
        }, labelled);
        shown += draw(map, eventLayer, "event", events, eventMarker);
        node.setAttribute("data-shown", String(shown));
      }
      redraw();
      map.on("zoomend", redraw);
      L.control.layers(null, { "Places (blue circles)": placeLayer, "Events (red diamonds)": eventLayer }, { collapsed: false }).addTo(map);
      node.setAttribute("data-markers", String(places.length + events.length));
      node.setAttribute("data-ready", "true");
    } catch (err) {
      node.setAttribute("data-error", String(err));
      console.error("map:", err);
    }
  });
})();
