"""The roles that require a skill at a level or above, most demanding first."""

import os

from gql import Client, GraphQLRequest
from gql.transport.httpx import HTTPXTransport

URL = os.environ.get("COMPETENCY_URL", "http://127.0.0.1:8000/graphql")
QUERY = """
query Sharing($code: String!, $minLevel: Int) {
  skill(code: $code) { name }
  rolesSharingSkill(code: $code, minLevel: $minLevel) {
    level
    role { title careerPath { name } }
  }
}
"""

request = GraphQLRequest(QUERY, variable_values={"code": "RLMT", "minLevel": 5})
with Client(transport=HTTPXTransport(url=URL)) as session:
    result = session.execute(request)

print(f"Roles requiring {result['skill']['name']} at level 5 or above:")
for item in result["rolesSharingSkill"]:
    role = item["role"]
    print(f"  level {item['level']}: {role['title']} ({role['careerPath']['name']})")
