window.__coursegenSearch&&window.__coursegenSearch.add("e",11,["glossary.html#nps","净推荐值（NPS）","术语表","衡量客户推荐意愿的指标。"]);
