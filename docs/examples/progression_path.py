"""The least-effort progression path from one role to another, with each step's gap."""

import os

from gql import Client, GraphQLRequest
from gql.transport.httpx import HTTPXTransport

URL = os.environ.get("COMPETENCY_URL", "http://127.0.0.1:8000/graphql")
QUERY = """
query Path($from: String!, $to: String!) {
  progressionPath(from: $from, to: $to) {
    totalEffort
    steps {
      from { title }
      to { title }
      kind
      gap {
        effort
        newSkills { skill { code } level }
        levelUps { skill { code } from to }
      }
    }
  }
}
"""

request = GraphQLRequest(
    QUERY, variable_values={"from": "software-engineer", "to": "engineering-manager"}
)
with Client(transport=HTTPXTransport(url=URL)) as session:
    path = session.execute(request)["progressionPath"]

print(f"Total effort: {path['totalEffort']}")
for step in path["steps"]:
    gap = step["gap"]
    print(f"{step['from']['title']} -> {step['to']['title']} ({step['kind']}, effort {gap['effort']})")
    for new in gap["newSkills"]:
        print(f"  new skill {new['skill']['code']} at level {new['level']}")
    for up in gap["levelUps"]:
        print(f"  raise {up['skill']['code']} from {up['from']} to {up['to']}")
