from tests.access_matrix import Rule, only

RULES = [
    Rule("oversight:home", only("referent", "treasury_referent", "head_referent")),
]
