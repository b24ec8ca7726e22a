window.__coursegenSearch&&window.__coursegenSearch.add("e",7,["words/nps.html","净推荐值（NPS）","第二部分 · 词语","推荐意愿。 计算方法 Greif 的 NPS 为 68 分。净推荐值等于推荐者百分比减去批评者百分比。"]);
