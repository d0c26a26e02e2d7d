"""Use cases. Each takes a unit of work (``uow``) and commits once."""
