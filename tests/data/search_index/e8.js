window.__coursegenSearch&&window.__coursegenSearch.add("e",8,["words/servqual.html","服務質量模型","第二部分 · 词语","五个维度。 SERVQUAL 模型有 5 个维度；CSI 与 NPS 不同。"]);
