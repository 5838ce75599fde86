"""The exportable lists and reports, by kind (see `base.REGISTRY`)."""
