window.__coursegenSearch&&window.__coursegenSearch.add("e",4,["ranking/once.html","甲","第一部分 · 排名","出现一次。 服务一次。"]);
