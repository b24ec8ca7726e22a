//! Traditional → Simplified Chinese, one character at a time, for search only:
//! a query typed in Traditional characters finds the Simplified course text.
//! The table covers common characters, the course's domain (service, customers,
//! quality, measurement, technology) first. Each pair is `繁简`; characters
//! whose mapping depends on the word (乾/幹, 著, 瞭…) are left out. The table
//! is sent to the browser in the search manifest, so both sides use this one.

use std::sync::OnceLock;

pub const PAIRS: &str = "\
務务 滿满 顧顾 質质 時时 體体 驗验 員员 戶户 價价 誠诚 評评 標标 準准 調调 數数 \
據据 營营 銷销 業业 溝沟 傾倾 聽听 問问 題题 決决 訴诉 領领 導导 團团 隊队 訓训 \
勵励 測测 淨净 薦荐 機机 術术 礎础 麗丽 爾尔 頓顿 亞亚 遜逊 戰战 趨趋 勢势 個个 \
係系 關关 維维 護护 態态 專专 響响 應应 禮礼 層层 計计 週周 統统 報报 饋馈 進进 \
續续 協协 權权 獎奖 規规 範范 記记 憶忆 驚惊 細细 節节 會会 積积 電电 話话 郵邮 \
網网 線线 門门 飯饭 廳厅 銀银 醫医 貨货 換换 產产 競竞 對对 優优 聲声 譽誉 負负 \
極极 緒绪 確确 認认 總总 結结 處处 補补 償偿 衝冲 預预 險险 轉转 開开 觀观 識识 \
區区 類类 顯显 隱隐 潛潜 畫画 觸触 點点 諾诺 屬属 無无 異异 實实 現现 經经 濟济 \
選选 擇择 設设 創创 舉举 與与 萬万 兩两 嚴严 東东 為为 麼么 義义 樂乐 習习 鄉乡 \
書书 買买 賣卖 亂乱 爭争 於于 虧亏 雲云 億亿 僅仅 從从 倉仓 儀仪 們们 眾众 傘伞 \
偉伟 傳传 傷伤 倫伦 偽伪 餘余 俠侠 側侧 債债 兒儿 黨党 蘭兰 興兴 養养 內内 冊册 \
寫写 軍军 農农 況况 減减 幾几 鳳凤 憑凭 擊击 劃划 劉刘 則则 剛刚 別别 劑剂 劇剧 \
勸劝 辦办 動动 勁劲 勞劳 勻匀 華华 單单 衛卫 卻却 廠厂 歷历 厲厉 壓压 厭厌 縣县 \
參参 雙双 發发 變变 敘叙 臺台 葉叶 號号 嘆叹 嗎吗 啟启 吳吴 嗚呜 啞哑 喚唤 圖图 \
國国 園园 圓圆 聖圣 場场 壞坏 塊块 堅坚 壇坛 墳坟 墜坠 執执 擴扩 掃扫 揚扬 擾扰 \
撫抚 搶抢 擔担 擁拥 擬拟 擺摆 攜携 損损 揮挥 撥拨 擋挡 攬揽 搖摇 攝摄 敵敌 斂敛 \
斷断 昇升 晝昼 曉晓 暫暂 曆历 朧胧 條条 來来 楊杨 構构 槍枪 樣样 樹树 橋桥 檢检 \
歡欢 歲岁 殘残 殺杀 毀毁 氣气 漢汉 湯汤 溫温 滅灭 滯滞 漲涨 潔洁 澤泽 濃浓 濕湿 \
灣湾 災灾 烏乌 煙烟 熱热 燈灯 爐炉 爺爷 牆墙 狀状 獨独 獲获 獵猎 獻献 環环 瑪玛 \
畢毕 當当 療疗 盜盗 盡尽 監监 盤盘 睜睁 矚瞩 礦矿 碼码 禍祸 離离 種种 稱称 穩稳 \
窮穷 竊窃 筆笔 築筑 簡简 簽签 籌筹 籃篮 糧粮 紀纪 約约 紅红 級级 紙纸 納纳 純纯 \
紛纷 組组 終终 絕绝 給给 絡络 綜综 綠绿 緊紧 練练 緣缘 編编 縮缩 績绩 織织 繼继 \
罰罚 羅罗 聞闻 聯联 職职 肅肃 脅胁 腦脑 臉脸 膚肤 臨临 舊旧 艦舰 藝艺 莊庄 蓋盖 \
薩萨 藍蓝 蘇苏 蟲虫 裝装 製制 複复 襲袭 見见 視视 覺觉 覽览 親亲 訂订 討讨 讓让 \
訊讯 託托 講讲 許许 論论 訪访 證证 詞词 試试 詩诗 詳详 語语 誤误 說说 誰谁 課课 \
談谈 請请 諸诸 謀谋 謝谢 議议 讀读 讚赞 豐丰 貝贝 財财 責责 貢贡 敗败 販贩 貫贯 \
貴贵 貿贸 費费 資资 賀贺 賓宾 賞赏 賠赔 賴赖 賺赚 購购 贈赠 贏赢 趕赶 趙赵 跡迹 \
踐践 車车 軟软 較较 載载 輔辅 輕轻 輛辆 輪轮 輸输 迴回 這这 連连 運运 過过 達达 \
違违 遠远 適适 遲迟 遷迁 遺遗 邊边 還还 鄰邻 釋释 裡里 裏里 針针 釣钓 鈴铃 銳锐 \
錄录 錢钱 錯错 鍵键 鍛锻 鎖锁 鎮镇 鏈链 鐘钟 鐵铁 鑑鉴 長长 閃闪 閉闭 閒闲 間间 \
閱阅 闆板 闊阔 闡阐 陣阵 陰阴 陳陈 陸陆 陽阳 階阶 際际 隨随 隻只 雖虽 雜杂 雞鸡 \
難难 靈灵 靜静 韓韩 頁页 頂顶 項项 順顺 須须 頭头 頻频 額额 顏颜 願愿 風风 飛飞 \
飲饮 飽饱 館馆 饒饶 馬马 駐驻 騎骑 騰腾 驅驱 骯肮 髮发 鬆松 鬥斗 魚鱼 鮮鲜 鳥鸟 \
鳴鸣 麥麦 黃黄 齊齐 齒齿 龍龙 龜龟 儲储 壯壮 壽寿 夠够 夢梦 夥伙 奪夺 奮奋 婦妇 \
媽妈 孫孙 學学 寧宁 寬宽 審审 寶宝 將将 尋寻 屆届 島岛 峽峡 崗岗 嶺岭 帥帅 師师 \
帳帐 帶带 幣币 幫帮 廣广 廟庙 廢废 廬庐 張张 強强 彈弹 彌弥 彎弯 彥彦 徑径 後后 \
徹彻 徵征 憂忧 恆恒 惡恶 惱恼 惲恽 愛爱 慣惯 慘惨 慶庆 慮虑 憐怜 懶懒 懷怀 懸悬 \
戀恋 戲戏 挾挟 捨舍 掛挂 採采 揀拣 撐撑 撲扑 擠挤 攤摊 斬斩 晉晋 棄弃 棟栋 榮荣 \
槓杠 樓楼 樞枢 歐欧 歸归 沒没 淚泪 淺浅 湧涌 滾滚 漁渔 澀涩 濱滨 瀏浏 燒烧 爛烂 \
牽牵 猶犹 獅狮 璽玺 甕瓮 畝亩 疊叠 癒愈 皺皱 盃杯 盧卢 睏困 矯矫 礙碍 祕秘 禦御 \
稅税 稜棱 穀谷 窩窝 筍笋 箋笺 糾纠 紋纹 紡纺 紹绍 絲丝 綁绑 綱纲 縱纵 繩绳 繪绘 \
罷罢 聰聪 膽胆 艱艰 蔔卜 藥药 蘋苹 蝦虾 褲裤 訝讶 詢询 該该 誌志 誕诞 誘诱 謂谓 \
譜谱 譯译 豬猪 貓猫 貼贴 賦赋 賬账 躍跃 軌轨 軸轴 輝辉 辭辞 鄭郑 醬酱 釀酿 鈔钞 \
鉛铅 銅铜 鋪铺 鋼钢 錦锦 鏡镜 閣阁 闖闯 陝陕 隸隶 霧雾 韋韦 韻韵 頒颁 頗颇 顆颗 \
颱台 飄飘 飾饰 餅饼 餓饿 駕驾 驕骄 驟骤 鬧闹 鴨鸭 鵝鹅 鹽盐 麵面 黴霉 齡龄 僱雇 \
廁厕 噸吨 嚮向 囑嘱 壺壶 夾夹 奧奥 姦奸 娛娱 嬰婴 宮宫 寢寝 屢屡 巖岩 幹干 徠徕 \
憲宪 懇恳 攔拦 斕斓 暢畅 檔档 殼壳 氫氢 淵渊 漿浆 灑洒 爍烁 猻狲 璣玑 盞盏 睞睐 \
碩硕 磚砖 竄窜 綽绰 繳缴 罈坛 羨羡 腫肿 舖铺 蓮莲 蘊蕴 螢萤 褻亵 訣诀 諮咨 謙谦 \
譴谴 賄贿 贊赞 蹤踪 轄辖 辯辩 遞递 鄧邓 釘钉 鋒锋 錶表 閘闸 雋隽 鞏巩 頸颈 顛颠 \
駛驶 髒脏 鬱郁 鹹咸 齣出 鍋锅 鍊炼 煉炼 燦灿 鑰钥 匯汇 彙汇 劍剑 勳勋 嘗尝 噴喷 \
嚐尝 壩坝 奬奖 嫻娴 屍尸 巔巅 廚厨 悅悦 慚惭 憤愤 懲惩 擲掷 擷撷 攏拢 暈晕 棗枣 \
槳桨 樁桩 檯台 櫃柜 欄栏 殲歼 氈毡 汙污 沖冲 涼凉 淪沦 瀉泻 瀟潇 煩烦 犧牺 瓏珑 \
皚皑 盪荡 禪禅 穌稣 窪洼 紐纽 絨绒 綢绸 緩缓 縫缝 繃绷 纖纤 罵骂 羥羟 脹胀 艙舱 \
蒼苍 蔣蒋 蘆芦 蟬蝉 衊蔑 袞衮 覓觅 訟讼 詐诈 詫诧 誇夸 諒谅 謊谎 譏讥 豎竖 賤贱 \
蹟迹 軀躯 輿舆 迺乃 醞酝 鈕钮 銜衔 鋁铝 錨锚 鍍镀 鎊镑 鐮镰 閩闽 闕阙 陘陉 雛雏 \
霽霁 靄霭 韌韧 頹颓 颯飒 餵喂 馴驯 驛驿 髏髅 魯鲁 鯨鲸 鴻鸿 鶴鹤 黷黩 齋斋 龐庞 \
爲为 衆众 綫线 啓启 羣群 峯峰 溼湿 纔才 癡痴 臥卧 傑杰 僕仆 鬍胡 鬚须 籤签 鑽钻 \
覈核 邏逻 輯辑";

/// The CJK Unified Ideographs block, U+4E00..U+9FFF: most Chinese text, and
/// where the tokenizer's fast path works ([`BLOCK_BITS`]).
pub const BLOCK: std::ops::Range<u32> = 0x4E00..0xA000;

/// The `u64` words of a bitmap over [`BLOCK`].
pub const BLOCK_WORDS: usize = (BLOCK.end - BLOCK.start) as usize / 64;

/// The table as a dense array over the code points from the first to the last
/// Traditional character (`'\0'`: no mapping), with a bitmap of the mapped
/// ones (small enough to stay in the L1 cache while text is scanned).
#[derive(Debug)]
pub struct Table {
    first: u32,
    mapped: Vec<u64>,
    to: Vec<char>,
}

/// Which characters of [`BLOCK`] have a Simplified form, bit
/// `c - BLOCK.start`, worked out from [`PAIRS`] at compile time: a static of
/// fixed size, so that the tokenizer's fast path indexes it without a bounds
/// check and without a register to hold its address.
pub static BLOCK_BITS: [u64; BLOCK_WORDS] = block_bits();

/// [`BLOCK_BITS`]: each pair of [`PAIRS`] whose characters differ sets the
/// bit of the first.
const fn block_bits() -> [u64; BLOCK_WORDS] {
    let bytes = PAIRS.as_bytes();
    let mut bits = [0u64; BLOCK_WORDS];
    // The characters of the current word (up to three).
    let mut word = [0u32; 3];
    let mut len = 0;
    let mut at = 0;
    while at <= bytes.len() {
        let (c, size) = if at < bytes.len() {
            decode_utf8(bytes, at)
        } else {
            (b' ' as u32, 1)
        };
        at += size;
        if c == b' ' as u32 || c == b'\n' as u32 {
            let (t, s) = (word[0], word[1]);
            if len == 2 && t != s && t >= BLOCK.start && t < BLOCK.end {
                let i = (t - BLOCK.start) as usize;
                bits[i / 64] |= 1 << (i % 64);
            }
            len = 0;
        } else {
            if len < word.len() {
                word[len] = c;
            }
            len += 1;
        }
    }
    bits
}

/// The code point at `bytes[at..]` of valid UTF-8, and its length.
const fn decode_utf8(bytes: &[u8], at: usize) -> (u32, usize) {
    const fn cont(bytes: &[u8], at: usize) -> u32 {
        (bytes[at] & 0x3F) as u32
    }
    let b0 = bytes[at] as u32;
    match b0 {
        0..0x80 => (b0, 1),
        0xC0..0xE0 => ((b0 & 0x1F) << 6 | cont(bytes, at + 1), 2),
        0xE0..0xF0 => (
            (b0 & 0x0F) << 12 | cont(bytes, at + 1) << 6 | cont(bytes, at + 2),
            3,
        ),
        _ => (
            (b0 & 0x07) << 18 | cont(bytes, at + 1) << 12 | cont(bytes, at + 2) << 6 | cont(bytes, at + 3),
            4,
        ),
    }
}

impl Table {
    /// The Simplified form of `c` (itself when the table has none).
    #[inline(always)]
    pub fn simplify(&self, c: char) -> char {
        let i = (c as u32).wrapping_sub(self.first) as usize;
        match self.mapped.get(i / 64) {
            Some(bits) if bits >> (i % 64) & 1 == 1 => self.to.get(i).copied().unwrap_or(c),
            _ => c,
        }
    }
}

/// The table, built on first use.
pub fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let first = pairs().map(|(t, _)| t as u32).min().unwrap_or(0);
        let last = pairs().map(|(t, _)| t as u32).max().unwrap_or(0);
        let len = (last + 1).saturating_sub(first) as usize;
        let mut to = vec!['\0'; len];
        let mut mapped = vec![0u64; len.div_ceil(64)];
        for (t, s) in pairs().filter(|(t, s)| t != s) {
            let i = (t as u32 - first) as usize;
            to[i] = s;
            mapped[i / 64] |= 1 << (i % 64);
        }
        Table { first, mapped, to }
    })
}

/// Every `(traditional, simplified)` pair of [`PAIRS`], duplicates included.
pub fn pairs() -> impl Iterator<Item = (char, char)> {
    PAIRS.split_whitespace().filter_map(|p| {
        let mut c = p.chars();
        match (c.next(), c.next(), c.next()) {
            (Some(t), Some(s), None) => Some((t, s)),
            _ => None,
        }
    })
}

/// The table without duplicates or identity pairs, as one string of `繁简`
/// pairs, sorted (for the browser).
pub fn compact() -> String {
    let t = table();
    let mut out = String::new();
    for (i, &s) in t.to.iter().enumerate() {
        if let (Some(c), true) = (char::from_u32(t.first + i as u32), s != '\0') {
            out.push(c);
            out.push(s);
        }
    }
    out
}

/// The Simplified form of `c` (itself when the table has none).
#[inline]
pub fn simplify(c: char) -> char {
    table().simplify(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_block_bitmap_marks_exactly_the_mapped_characters() {
        let t = table();
        let mut marked = 0;
        for u in BLOCK {
            let c = char::from_u32(u).unwrap_or('\0');
            let i = (u - BLOCK.start) as usize;
            let bit = BLOCK_BITS[i / 64] >> (i % 64) & 1 == 1;
            assert_eq!(bit, t.simplify(c) != c, "{c}");
            marked += usize::from(bit);
        }
        assert!(marked > 900, "{marked}");
    }
}
