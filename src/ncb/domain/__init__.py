"""The pure core: value types and rules about notices. Standard library and small value libraries only."""
