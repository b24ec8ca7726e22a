window.__coursegenSearch&&window.__coursegenSearch.add("e",6,["words/index.html","第二部分 · 词语","第二部分 · 词语","英文词、数字与全角字符。 前缀匹配 本部分的课时用来检验词语。"]);
