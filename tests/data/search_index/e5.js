window.__coursegenSearch&&window.__coursegenSearch.add("e",5,["ranking/thrice.html","乙","第一部分 · 排名","出现三次。 服务，服务，服务。"]);
