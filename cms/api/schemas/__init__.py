"""Response schemas of the delivery API, one module per domain."""
