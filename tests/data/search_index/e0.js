window.__coursegenSearch&&window.__coursegenSearch.add("e",0,["ranking/index.html","第一部分 · 排名","第一部分 · 排名","标题、小标题与正文的先后。 看懂排名规则 本部分的课时用来检验排名。"]);
