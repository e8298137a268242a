"""The site build: MkDocs hooks, the page parser and the figure build. Not part of the wheel."""
