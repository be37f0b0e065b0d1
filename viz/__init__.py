"""Interactive graph views: query answers drawn as self-contained, offline HTML pages.

views.py picks the subgraph and styling from the query catalogue, layout.py precomputes
positions for big graphs, render.py writes the page (vendored vis-network inlined, no
network access), cli.py and routes.py expose them as `coauthor-kg viz ...` and
GET /views/....
"""
