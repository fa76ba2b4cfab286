from tests.access_matrix import Rule, only

RULES = [
    Rule("advisors:home", only("advisor", "other_advisor", "org_manager")),
    Rule("advisors:curator_home", only("curator")),
]
