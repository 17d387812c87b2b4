// The map: an offline base map (Natural Earth GeoJSON shipped with the app, no tiles), places and
// events as circle markers. Popups are built from DOM nodes with textContent: place names and titles
// come from articles and are never parsed as HTML.
(function () {
  "use strict";

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error(url + ": " + r.status); }
      return r.json();
    });
  }

  function placePopup(p) {
    var box = el("div", null, { "class": "map-popup" });
    box.appendChild(el("h4", p.name));
    box.appendChild(el("p", (p.country || "") + " · " + p.documents + " document(s), " + p.mentions + " mention(s)"));
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
    box.appendChild(el("h4", (e.type || "event") + (e.status ? " (" + e.status + ")" : "")));
    box.appendChild(el("p", [e.place_name, e.event_date || e.doc_date].filter(Boolean).join(" · ")));
    if (e.fatalities !== null && e.fatalities !== undefined) { box.appendChild(el("p", "fatalities: " + e.fatalities)); }
    var link = el("p");
    link.appendChild(el("a", e.doc_title || e.doc_id, { href: "/documents/" + encodeURIComponent(e.doc_id) }));
    box.appendChild(link);
    return box;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var node = document.getElementById("map");
    if (!node || typeof L === "undefined") { return; }
    var map = L.map(node, { zoomSnap: 0.5, worldCopyJump: true }).setView([49.0, 33.0], 5);
    map.attributionControl.addAttribution("Base map: Natural Earth");
    var layers = {};
    var counts = { places: 0, events: 0 };

    var base = getJSON(node.dataset.world).then(function (world) {
      L.geoJSON(world, { interactive: false, style: { color: "#8c99a6", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 } }).addTo(map);
      return getJSON(node.dataset.admin1);
    }).then(function (admin1) {
      L.geoJSON(admin1, { interactive: false, style: { color: "#b3a58f", weight: 0.6, fill: false, dashArray: "2 3" } }).addTo(map);
    });

    var places = getJSON(node.dataset.places).then(function (data) {
      var group = L.featureGroup();
      data.places.forEach(function (p) {
        var m = L.circleMarker([p.lat, p.lon], {
          radius: 4 + Math.min(12, 3 * Math.log2(1 + p.documents)),
          color: "#1a5fb4", weight: 1, fillColor: "#3584e4", fillOpacity: 0.6, className: "nt-place"
        });
        m.bindTooltip(p.name + " (" + p.documents + ")");
        m.bindPopup(placePopup(p));
        group.addLayer(m);
      });
      counts.places = data.places.length;
      layers["Places"] = group.addTo(map);
      // Frame the most named places (the list comes most named first), not every far-off mention.
      var focus = data.places.slice(0, 15).map(function (p) { return [p.lat, p.lon]; });
      return focus;
    });

    var events = node.dataset.events ? getJSON(node.dataset.events).then(function (data) {
      var group = L.featureGroup();
      data.events.forEach(function (e) {
        if (e.lat === null || e.lon === null || e.lat === undefined || e.lon === undefined) { return; }
        var m = L.circleMarker([e.lat, e.lon], {
          radius: 6, color: "#8f1d14", weight: 1.5, fillColor: "#e01b24", fillOpacity: 0.8, className: "nt-event"
        });
        m.bindTooltip(e.type || "event");
        m.bindPopup(eventPopup(e));
        group.addLayer(m);
        counts.events += 1;
      });
      layers["Events"] = group.addTo(map);
      return group;
    }) : Promise.resolve(null);

    Promise.all([base, places, events]).then(function (done) {
      L.control.layers(null, layers, { collapsed: false }).addTo(map);
      if (done[1] && done[1].length) {
        map.fitBounds(L.latLngBounds(done[1]).pad(0.15), { maxZoom: 7, animate: false });
      }
      node.setAttribute("data-markers", String(counts.places + counts.events));
      node.setAttribute("data-ready", "true");
    }).catch(function (err) {
      node.setAttribute("data-error", String(err));
      console.error("map:", err);
    });
  });
})();
