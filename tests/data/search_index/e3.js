window.__coursegenSearch&&window.__coursegenSearch.add("e",3,["ranking/body.html","其他内容","第一部分 · 排名","正文里有查询词。 概述 客户满意度很重要。客户满意度，客户满意度。"]);
