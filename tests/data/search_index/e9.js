window.__coursegenSearch&&window.__coursegenSearch.add("e",9,["words/quiz.html","第二部分小测","第二部分 · 词语","丽思卡尔顿的员工可以动用最多 2000美元解决客户问题。"]);
