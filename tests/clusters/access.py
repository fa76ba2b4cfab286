from tests.access_matrix import Rule, only

RULES = [
    Rule("clusters:home", only("ceo", "other_ceo", "board_member")),
]
