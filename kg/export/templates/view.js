/* kg graph view: draws the graph in #kg-data with vis-network, with filters, search and a
 * details panel. Entities the data marks as not drawn (in big graphs, those with no relation)
 * are found by the search and shown in the panel only. Every string in the data is untrusted
 * document text: it is only ever put in the page with textContent, and vis tooltips get DOM
 * elements built that way, never HTML. window.kgView is a small read-only object for tests and
 * scripts. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var styles = data.types;
  var nodeInfo = new Map();
  var edgeInfo = new Map();
  data.nodes.forEach(function (n) { nodeInfo.set(n.id, n); });
  data.edges.forEach(function (e) { edgeInfo.set(e.id, e); });

  var MAX_LIST = 100;
  var stabilized = false;
  var ready = false;

  // ------------------------------------------------------------------ DOM helpers
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function styleOf(type) { return styles[type] || styles.MISC; }

  function edgeLabel(e) {
    return e.relation === "related_to" && e.predicate ? e.predicate : e.relation;
  }

  function countBy(items, key) {
    var counts = new Map();
    items.forEach(function (item) { counts.set(key(item), (counts.get(key(item)) || 0) + 1); });
    return counts;
  }

  // ------------------------------------------------------------------ the network
  var drawnNodes = data.nodes.filter(function (n) { return n.drawn; });
  var nodes = new vis.DataSet(drawnNodes.map(function (n) {
    var style = styleOf(n.type);
    var dark = {background: style.color, border: "#1f2933"};
    return {
      id: n.id,
      label: n.name,
      value: Math.max(n.mentions, 1),
      shape: style.shape,
      color: {background: style.color, border: style.border, highlight: dark, hover: dark},
      title: el("div", n.name + "\n" + n.type + " · " + n.mentions + " mentions", "kg-tip")
    };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return {
      id: e.id,
      from: e.from,
      to: e.to,
      label: edgeLabel(e),
      width: Math.min(1 + 1.5 * Math.log2(Math.max(e.evidence.length, 1)), 8),
      smooth: {enabled: true, type: "curvedCW", roundness: e.roundness}
    };
  }));

  var container = document.getElementById("kg-network");
  var large = data.edges.length > 1500;
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, {
    nodes: {
      borderWidth: 1,
      font: {size: 14, face: "system-ui, sans-serif", color: "#1f2933", strokeWidth: 3, strokeColor: "#ffffff"},
      scaling: {min: 10, max: 32, label: {enabled: true, min: 12, max: 22}}
    },
    edges: {
      arrows: {to: {enabled: true, scaleFactor: 0.5}},
      color: {color: "#8a99a8", highlight: "#1f2933", hover: "#1f2933", inherit: false},
      font: {size: 11, align: "middle", color: "#3e4c59", strokeWidth: 3, strokeColor: "#ffffff"},
      selectionWidth: 1.5,
      hoverWidth: 1
    },
    physics: {
      enabled: true,
      solver: "forceAtlas2Based",
      forceAtlas2Based: {gravitationalConstant: -80, centralGravity: 0.01, springLength: 130, springConstant: 0.06, avoidOverlap: 0.4},
      stabilization: {enabled: true, iterations: data.iterations, updateInterval: 25, fit: true}
    },
    layout: {randomSeed: 7, improvedLayout: drawnNodes.length <= 100},
    interaction: {hover: true, tooltipDelay: 200, hideEdgesOnDrag: large, hideEdgesOnZoom: large, keyboard: false}
  });

  var progress = document.getElementById("kg-progress");
  network.on("stabilizationProgress", function (p) {
    progress.textContent = "Laying out… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  function stabilizationDone() {
    if (stabilized) return;
    network.setOptions({physics: false});
    stabilized = true;
    progress.hidden = true;
    network.redraw();
  }
  network.once("stabilizationIterationsDone", stabilizationDone);
  network.on("afterDrawing", function () {
    if (stabilized && !ready) {
      ready = true;
      document.documentElement.setAttribute("data-kg-ready", "true");
    }
  });
  if (drawnNodes.length === 0) stabilizationDone();

  // ------------------------------------------------------------------ details panel
  var panel = document.getElementById("kg-panel");

  function show(kind, id, children) {
    panel.replaceChildren.apply(panel, children);
    panel.setAttribute("data-kind", kind);
    panel.setAttribute("data-id", id);
    panel.scrollTop = 0;
  }

  function showHint() {
    show("hint", "", [el("p", "Click an entity or a relation to see its details; hover a relation to preview it.", "kg-hint")]);
  }

  function listSection(title, items, render, listClass) {
    var section = el("section");
    section.appendChild(el("h3", title + " (" + items.length + ")"));
    if (!items.length) {
      section.appendChild(el("p", "none", "kg-hint"));
      return section;
    }
    var list = el("ul", null, listClass);
    items.slice(0, MAX_LIST).forEach(function (item) {
      var li = el("li");
      li.appendChild(render(item));
      list.appendChild(li);
    });
    section.appendChild(list);
    if (items.length > MAX_LIST) section.appendChild(el("p", "… and " + (items.length - MAX_LIST) + " more", "kg-hint"));
    return section;
  }

  function fields(pairs) {
    var dl = el("dl", null, "kg-fields");
    pairs.forEach(function (pair) {
      dl.appendChild(el("dt", pair[0]));
      dl.appendChild(el("dd", pair[1]));
    });
    return dl;
  }

  function text(value) { return document.createTextNode(value); }

  function showNode(id) {
    var n = nodeInfo.get(id);
    if (!n) return;
    var relations = data.edges.filter(function (e) { return e.from === id || e.to === id; });
    show("node", id, [
      el("h2", n.name),
      el("p", styleOf(n.type).symbol + " " + n.type + " · " + n.mentions + " mentions", "kg-meta"),
      listSection("Aliases", n.aliases, text),
      listSection("Documents", n.documents, text),
      listSection("Relations", relations, function (e) {
        var outgoing = e.from === id;
        var other = nodeInfo.get(outgoing ? e.to : e.from).name;
        var button = el("button", (outgoing ? "→ " : "← ") + edgeLabel(e) + (outgoing ? " → " : " ← ") + other, "kg-link");
        button.type = "button";
        button.addEventListener("click", function () {
          network.selectEdges([e.id]);
          showEdge(e.id);
        });
        return button;
      })
    ]);
  }

  function showEdge(id) {
    var e = edgeInfo.get(id);
    if (!e) return;
    var subject = nodeInfo.get(e.from);
    var object = nodeInfo.get(e.to);
    var evidence = listSection("Evidence", e.evidence, function (item) {
      var box = el("div");
      box.appendChild(el("blockquote", item.sentence));
      box.appendChild(el("cite", item.document));
      return box;
    }, "kg-evidence");
    show("edge", id, [
      el("h2", subject.name + " → " + object.name),
      fields([
        ["relation", e.relation],
        ["predicate", e.predicate || "—"],
        ["confidence", e.confidence.toFixed(2)],
        ["subject", subject.name + " (" + subject.type + ")"],
        ["object", object.name + " (" + object.type + ")"]
      ]),
      evidence
    ]);
  }

  function nothingSelected() {
    return network.getSelectedNodes().length === 0 && network.getSelectedEdges().length === 0;
  }

  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else showHint();
  });
  network.on("hoverEdge", function (params) { if (nothingSelected()) showEdge(params.edge); });
  network.on("blurEdge", function () { if (nothingSelected()) showHint(); });

  // ------------------------------------------------------------------ filters
  var typeList = document.getElementById("kg-types");
  var relationList = document.getElementById("kg-relations");
  var slider = document.getElementById("kg-confidence");
  var sliderValue = document.getElementById("kg-confidence-value");
  var stats = document.getElementById("kg-stats");

  function checkbox(list, value, label, count, symbol) {
    var li = el("li");
    var labelEl = el("label");
    var input = el("input");
    input.type = "checkbox";
    input.checked = true;
    input.value = value;
    labelEl.appendChild(input);
    if (symbol) labelEl.appendChild(symbol);
    labelEl.appendChild(el("span", label));
    labelEl.appendChild(el("span", count, "kg-count"));
    li.appendChild(labelEl);
    list.appendChild(li);
    input.addEventListener("change", applyFilters);
  }

  var typeCounts = countBy(data.nodes, function (n) { return n.type; });
  Object.keys(styles).forEach(function (type) {
    var style = styles[type];
    var symbol = el("span", style.symbol, "kg-symbol");
    symbol.style.color = style.color;
    checkbox(typeList, type, type + " " + style.label, typeCounts.get(type) || 0, symbol);
  });
  var relationCounts = countBy(data.edges, function (e) { return e.relation; });
  Array.from(relationCounts.keys()).sort(function (a, b) {
    return relationCounts.get(b) - relationCounts.get(a) || (a < b ? -1 : 1);
  }).forEach(function (relation) {
    checkbox(relationList, relation, relation, relationCounts.get(relation));
  });

  function checked(list) {
    return new Set(Array.from(list.querySelectorAll("input:checked")).map(function (input) { return input.value; }));
  }

  function visibleCount(dataset) {
    return dataset.get({filter: function (item) { return !item.hidden; }}).length;
  }

  function applyFilters() {
    var types = checked(typeList);
    var relations = checked(relationList);
    var minimum = parseFloat(slider.value);
    sliderValue.textContent = minimum.toFixed(2);
    nodes.update(drawnNodes.map(function (n) { return {id: n.id, hidden: !types.has(n.type)}; }));
    edges.update(data.edges.map(function (e) {
      var shown = relations.has(e.relation) && e.confidence + 1e-9 >= minimum &&
        types.has(nodeInfo.get(e.from).type) && types.has(nodeInfo.get(e.to).type);
      return {id: e.id, hidden: !shown};
    }));
    var notDrawn = data.nodes.length - nodes.length;
    stats.textContent = visibleCount(nodes) + " of " + nodes.length + " entities" +
      (notDrawn ? " (and " + notDrawn + " without relations, found by search)" : "") + " · " +
      visibleCount(edges) + " of " + edges.length + " relations";
  }
  slider.addEventListener("input", applyFilters);

  // ------------------------------------------------------------------ search
  var search = document.getElementById("kg-search");
  var searchCount = document.getElementById("kg-search-count");
  var searchKeys = data.nodes.map(function (n) { return {id: n.id, mentions: n.mentions, keys: [n.name].concat(n.aliases).map(fold)}; });

  var matches = [];
  var cursor = 0;

  // An entity the type filters hide: a drawn one is hidden; one not drawn is of an unchecked type.
  function filteredOut(id, types) {
    var drawn = nodes.get(id);
    return drawn ? drawn.hidden : !types.has(nodeInfo.get(id).type);
  }

  function drawnOnly(ids) { return ids.filter(function (id) { return nodes.get(id) !== null; }); }

  search.addEventListener("input", function () {
    var query = fold(search.value.trim());
    var types = checked(typeList);
    matches = !query ? [] : searchKeys.filter(function (entry) {
      return !filteredOut(entry.id, types) && entry.keys.some(function (key) { return key.indexOf(query) !== -1; });
    }).sort(function (a, b) { return b.mentions - a.mentions; }).map(function (entry) { return entry.id; });
    cursor = 0;
    network.selectNodes(drawnOnly(matches), false);
    searchCount.textContent = query ? matches.length + (matches.length === 1 ? " match" : " matches") : "";
  });
  search.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !matches.length) return;
    var id = matches[cursor % matches.length];
    cursor += 1;
    network.selectNodes(drawnOnly([id]), false);
    if (nodes.get(id) !== null) network.focus(id, {scale: 1.2, animation: {duration: 300, easingFunction: "easeInOutQuad"}});
    showNode(id);
  });

  // ------------------------------------------------------------------ read-only API
  var view = {
    nodeCount: function () { return nodes.length; },
    entityCount: function () { return data.nodes.length; },
    edgeCount: function () { return edges.length; },
    visibleNodeCount: function () { return visibleCount(nodes); },
    visibleEdgeCount: function () { return visibleCount(edges); },
    domPosition: function (id) {
      var position = network.getPositions([id])[id];
      if (!position) return null;
      var point = network.canvasToDOM(position);
      var box = container.getBoundingClientRect();
      return {x: box.left + point.x, y: box.top + point.y};
    }
  };
  Object.defineProperty(view, "ready", {get: function () { return ready; }, enumerable: true});
  Object.defineProperty(window, "kgView", {value: Object.freeze(view), enumerable: true});

  applyFilters();
  showHint();
})();
