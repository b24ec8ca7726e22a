window.__coursegenSearch&&window.__coursegenSearch.add("e",12,["glossary.html#moments","服务时刻","术语表","客户与员工接触的每一个时刻。"]);
