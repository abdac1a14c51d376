"""`replylint lsp`: the Language Server Protocol over stdio, for template authors' editors.

An application on top of the engine (pygls, from the `serve` extra). Nothing below imports it.
"""
