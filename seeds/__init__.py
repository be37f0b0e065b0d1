"""The seed documents (three researcher profiles, a paper listing, a CV) and the
manifest that says how to read each one.

A package only so that the files ship in the wheel as package data: ``coauthor-kg
demo`` finds them through ``importlib.resources`` wherever coauthor-kg is installed,
not only in a checkout. There is no code here.
"""
