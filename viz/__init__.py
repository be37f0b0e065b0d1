"""Interactive graph views: query answers drawn as self-contained, offline HTML pages.

views.py picks the subgraph and styling from the query catalogue, layout.py precomputes
positions for big graphs, render.py writes the page (vendored vis-network inlined, no
network access). The api layer exposes them: api/viz_cli.py as `coauthor-kg viz ...`,
api/routes/views.py as GET /views/....
"""
