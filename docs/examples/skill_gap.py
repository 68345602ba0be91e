"""The gap from a person's skills to a role they aim for."""

import os

from gql import Client, GraphQLRequest
from gql.transport.httpx import HTTPXTransport

URL = os.environ.get("COMPETENCY_URL", "http://127.0.0.1:8000/graphql")
QUERY = """
query Gap($profile: [SkillLevelInput!]!, $target: String!) {
  skillGap(profile: $profile, target: $target) {
    target { title }
    newSkills { skill { code name } level }
    levelUps { skill { code name } from to }
    met { skill { code name } level }
    effort
  }
}
"""

profile = [
    {"code": "PROG", "level": 5},
    {"code": "SWDN", "level": 4},
    {"code": "PEMT", "level": 3},
    {"code": "RLMT", "level": 4},
]
request = GraphQLRequest(
    QUERY, variable_values={"profile": profile, "target": "engineering-manager"}
)
with Client(transport=HTTPXTransport(url=URL)) as session:
    gap = session.execute(request)["skillGap"]

print(f"To become {gap['target']['title']} (effort {gap['effort']}):")
for new in gap["newSkills"]:
    print(f"  learn {new['skill']['name']} ({new['skill']['code']}) to level {new['level']}")
for up in gap["levelUps"]:
    print(f"  raise {up['skill']['name']} ({up['skill']['code']}) from {up['from']} to {up['to']}")
for met in gap["met"]:
    print(f"  already met: {met['skill']['name']} ({met['skill']['code']}) at {met['level']}")
