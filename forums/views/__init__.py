"""The forums' pages, one module per topic. Rows come through the scopes of forums.permissions (404 outside them);
predicates decide actions (403)."""
