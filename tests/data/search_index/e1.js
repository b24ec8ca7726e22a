window.__coursegenSearch&&window.__coursegenSearch.add("e",1,["ranking/title.html","客户满意度","第一部分 · 排名","标题里有查询词。 概述 这一课的正文不提那个词。"]);
