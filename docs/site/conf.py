# Sphinx configuration of the course site (docs/site.md). tools/make_site.py copies this file into the staging folder
# build/site-src/ next to the pages it stages, and builds with `python -m sphinx -W`; nothing here is read in place.
#
# Sphinx + MyST-NB + sphinx-book-theme, fully offline:
#  - outputs are the ones stored in the executed copies that tests/test_notebooks.py wrote to build/executed/
#    (nb_execution_mode = "off": the site never runs a notebook);
#  - ipywidgets render from each notebook's saved widget state with a vendored widget manager (npm
#    @jupyter-widgets/html-manager 1.x, for ipywidgets 8) and require.js, copied into _static/vendor/ by make_site.py,
#    instead of MyST-NB's default CDN URLs;
#  - nothing is loaded from another host at view time (tools/check_site.py blocks and reports every such request).

project = "Fine-tune or RAG?"
author = "the course kit's authors"
copyright = "the course kit's authors, Apache-2.0"
html_title = "Fine-tune or RAG?"

extensions = ["myst_nb"]
exclude_patterns = ["_build", "**.ipynb_checkpoints", "Thumbs.db", ".DS_Store", "_static/vendor/**"]

# The site renders what the test run executed; a notebook is never run here.
nb_execution_mode = "off"
nb_merge_streams = True
# GitHub-style anchors for headings, so "page.md#a-heading" links written for the repository resolve here too.
myst_heading_anchors = 3
# No MyST extensions: in particular no dollarmath ("$5 per 1,000 queries" is money, not maths), so no page needs
# MathJax, which would come from a CDN.
# A notebook may jump heading levels (a "###" under a "#"); that is no reason to fail the build (-W).
suppress_warnings = ["myst.header"]

# ipywidgets from their saved state, with vendored scripts (paths inside _static/). widgets-assets-path.js points
# require.js's baseUrl at _static/vendor/ so the widget manager finds its font files there.
html_static_path = ["_static"]
nb_ipywidgets_js = {
    "vendor/require.js": {},
    "widgets-assets-path.js": {},
    "vendor/@jupyter-widgets/html-manager/dist/embed-amd.js": {},
}
html_css_files = ["ftrag-site.css"]

html_theme = "sphinx_book_theme"
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
    "navigation_with_keys": False,
}
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
# pydata-sphinx-theme logs "Got invalid theme mode" to the console unless a default mode is given.
html_context = {"default_mode": "light"}
