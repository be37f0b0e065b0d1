/* coauthor-kg graph view: tooltips, search, neighbour highlighting, details panel.
 *
 * Names, titles and venues come from documents, so they are data: they reach the page
 * only through textContent (and the canvas), never through innerHTML, and no vis
 * "title" option is used (vis can render titles as HTML).
 */
(function () {
  "use strict";

  const state = { ready: false, timings: { scriptStart: performance.now() }, highlighted: 0 };
  window.__viz = state;

  const data = JSON.parse(document.getElementById("viz-data").textContent);
  const papers = data.papers;
  const info = data.info;

  // colours arrive as one hex string each; expand to vis's border/hover/highlight set
  function darker(hex) {
    const v = parseInt(hex.slice(1), 16);
    const f = function (c) {
      return Math.round(c * 0.72).toString(16).padStart(2, "0");
    };
    return "#" + f((v >> 16) & 255) + f((v >> 8) & 255) + f(v & 255);
  }
  for (const n of data.nodes) {
    const c = n.color;
    n.color = {
      background: c,
      border: darker(c),
      highlight: { background: c, border: "#111111" },
      hover: { background: c, border: "#111111" },
    };
  }
  for (const e of data.edges) {
    const c = e.color;
    e.color = { color: c, highlight: c, hover: c, opacity: 0.75 };
  }
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  state.nodes = nodes;
  state.edges = edges;
  state.kind = data.kind;

  const FONT = data.options.nodes.font.color;
  const DIM_NODE = {
    background: "#eceef1",
    border: "#dde1e6",
    highlight: { background: "#eceef1", border: "#dde1e6" },
    hover: { background: "#eceef1", border: "#dde1e6" },
  };
  const DIM_EDGE = { color: "#e3e6ea", highlight: "#e3e6ea", hover: "#e3e6ea", opacity: 0.5 };

  const container = document.getElementById("graph");
  const tip = document.getElementById("tooltip");
  const status = document.getElementById("status");
  const network = new vis.Network(container, { nodes: [], edges: [] }, data.options);
  state.network = network;

  // -- readiness: the first frame drawn once the layout is final --------------------
  let stable = !data.physics || data.nodes.length === 0;
  network.on("stabilizationIterationsDone", function () {
    state.timings.stabilized = performance.now();
    network.setOptions({ physics: { enabled: false } });
    stable = true;
    network.fit({ animation: false });
    // a handful of nodes would otherwise be blown up to fill the screen
    if (network.getScale() > 1.0) network.moveTo({ scale: 1.0, animation: false });
  });
  network.on("afterDrawing", function () {
    if (state.timings.firstDraw === undefined) state.timings.firstDraw = performance.now();
    if (stable && !state.ready) {
      state.ready = true;
      state.timings.interactive = performance.now();
      document.documentElement.setAttribute("data-ready", "1");
      status.textContent = "";
      status.hidden = true;
    }
  });

  // -- text helpers: every string goes through textContent ---------------------------
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function paperText(pid) {
    const p = papers[pid];
    if (!p) return pid;
    const extra = [p[1], p[2]].filter(function (x) {
      return x !== null && x !== undefined && x !== "";
    });
    return extra.length ? p[0] + " (" + extra.join(", ") + ")" : p[0];
  }

  function byRecency(a, b) {
    const pa = papers[a];
    const pb = papers[b];
    const dy = (pb[1] || 0) - (pa[1] || 0);
    if (dy) return dy;
    return pa[0] < pb[0] ? -1 : pa[0] > pb[0] ? 1 : 0;
  }

  function nodePapers(id) {
    const seen = new Set();
    for (const eid of network.getConnectedEdges(id)) {
      for (const pid of info.edges[eid].p) if (papers[pid]) seen.add(pid);
    }
    return Array.from(seen).sort(byRecency);
  }

  function describe(kind, id) {
    if (kind === "node") {
      const i = info.nodes[id];
      return { h: i.h, f: i.f, p: nodePapers(id) };
    }
    const j = info.edges[id];
    const ends = network.getConnectedNodes(id);
    const h = j.h || info.nodes[ends[0]].h + " — " + info.nodes[ends[1]].h;
    return { h: h, f: j.f, p: j.p };
  }
  state.describe = describe;

  function fillTip(d, maxPapers) {
    tip.replaceChildren();
    tip.appendChild(el("div", "tip-heading", d.h));
    for (const f of d.f) tip.appendChild(el("div", "tip-fact", f));
    if (d.p.length) {
      const ol = el("ol", "tip-papers");
      for (const pid of d.p.slice(0, maxPapers)) ol.appendChild(el("li", null, paperText(pid)));
      tip.appendChild(ol);
      if (d.p.length > maxPapers) {
        tip.appendChild(el("div", "tip-more", "… and " + (d.p.length - maxPapers) + " more: click for all"));
      }
    }
  }

  function showTip(kind, id, pointer) {
    fillTip(describe(kind, id), 8);
    tip.hidden = false;
    const w = container.clientWidth;
    const h = container.clientHeight;
    let x = pointer.x + 14;
    let y = pointer.y + 14;
    if (x + tip.offsetWidth > w - 4) x = Math.max(4, pointer.x - tip.offsetWidth - 14);
    if (y + tip.offsetHeight > h - 4) y = Math.max(4, h - tip.offsetHeight - 4);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }

  function hideTip() {
    tip.hidden = true;
  }

  network.on("hoverNode", function (p) {
    showTip("node", p.node, p.pointer.DOM);
  });
  network.on("hoverEdge", function (p) {
    showTip("edge", p.edge, p.pointer.DOM);
  });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  // -- neighbour highlighting ---------------------------------------------------------
  function highlight(id) {
    const keepN = new Set(network.getConnectedNodes(id));
    keepN.add(id);
    const keepE = new Set(network.getConnectedEdges(id));
    nodes.update(
      data.nodes.map(function (n) {
        return keepN.has(n.id)
          ? { id: n.id, color: n.color, font: { color: FONT } }
          : { id: n.id, color: DIM_NODE, font: { color: "rgba(90, 90, 90, 0.25)" } };
      })
    );
    edges.update(
      data.edges.map(function (e) {
        return keepE.has(e.id) ? { id: e.id, color: e.color } : { id: e.id, color: DIM_EDGE };
      })
    );
    state.highlighted = keepN.size;
  }

  function unhighlight() {
    if (!state.highlighted) return;
    nodes.update(
      data.nodes.map(function (n) {
        return { id: n.id, color: n.color, font: { color: FONT } };
      })
    );
    edges.update(
      data.edges.map(function (e) {
        return { id: e.id, color: e.color };
      })
    );
    state.highlighted = 0;
  }

  // -- details panel -------------------------------------------------------------------
  const details = document.getElementById("details");
  const detailsHeading = document.getElementById("details-heading");
  const detailsFacts = document.getElementById("details-facts");
  const detailsPapers = document.getElementById("details-papers");
  const detailsLinks = document.getElementById("details-links");
  const detailsLinksHeading = document.getElementById("details-links-heading");

  function linkButton(id) {
    const li = el("li");
    const b = el("button", null, info.nodes[id].h);
    b.type = "button";
    b.addEventListener("click", function () {
      focusNode(id);
    });
    li.appendChild(b);
    return li;
  }

  function showDetails(kind, id) {
    const d = describe(kind, id);
    detailsHeading.textContent = d.h;
    detailsFacts.replaceChildren();
    for (const f of d.f) detailsFacts.appendChild(el("li", null, f));
    detailsPapers.replaceChildren();
    for (const pid of d.p) detailsPapers.appendChild(el("li", null, paperText(pid)));
    if (!d.p.length) detailsPapers.appendChild(el("li", null, "none in this view"));
    detailsLinks.replaceChildren();
    const linked =
      kind === "node" ? network.getConnectedNodes(id) : network.getConnectedNodes(id).slice(0, 2);
    linked.sort(function (a, b) {
      return info.nodes[a].h.localeCompare(info.nodes[b].h);
    });
    detailsLinksHeading.textContent = kind === "node" ? "Neighbours (" + linked.length + ")" : "Ends";
    for (const n of linked) detailsLinks.appendChild(linkButton(n));
    details.hidden = false;
  }

  function select(id) {
    hideTip();
    highlight(id);
    showDetails("node", id);
    state.selected = id;
  }

  function clearSelection() {
    unhighlight();
    details.hidden = true;
    state.selected = null;
  }

  function focusNode(id) {
    network.selectNodes([id]);
    select(id);
    network.focus(id, {
      scale: Math.max(network.getScale(), 1.0),
      animation: { duration: 400, easingFunction: "easeInOutQuad" },
    });
  }
  state.focusNode = focusNode;

  network.on("click", function (p) {
    if (p.nodes.length) {
      select(p.nodes[0]);
    } else if (p.edges.length) {
      unhighlight();
      showDetails("edge", p.edges[0]);
      state.selected = null;
    } else {
      clearSelection();
    }
  });

  // -- search --------------------------------------------------------------------------
  const input = document.getElementById("search");
  const results = document.getElementById("search-results");
  const index = data.nodes.map(function (n) {
    return { id: n.id, key: (info.nodes[n.id].h + "\u0000" + n.label).toLowerCase() };
  });

  function search() {
    const q = input.value.trim().toLowerCase();
    results.replaceChildren();
    if (!q) return;
    let shown = 0;
    for (const item of index) {
      if (item.key.indexOf(q) < 0) continue;
      results.appendChild(linkButton(item.id));
      if (++shown >= 12) break;
    }
    if (!shown) results.appendChild(el("li", "none", "no match"));
  }
  input.addEventListener("input", search);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      const first = results.querySelector("button");
      if (first) first.click();
    }
  });

  network.setData({ nodes: nodes, edges: edges });
})();
