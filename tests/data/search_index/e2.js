window.__coursegenSearch&&window.__coursegenSearch.add("e",2,["ranking/heading.html","另一课","第一部分 · 排名","小标题里有查询词。 客户满意度 正文。"]);
