window.__coursegenSearch&&window.__coursegenSearch.add("e",10,["glossary.html","术语表",null,"课程用到的词。 说明 每个词条都是单独的结果。"]);
