"""Word tables of the Latin-script rules: general English and technology vocabulary.

None of these lists is drawn from a particular article: they hold what starts English sentences
and headings, what metadata and code print, and well-known product, model and technology words.
"""


def words_of(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Words that start sentences or headings, titles of people, and metadata or code words.
COMMON = words_of(
    """A An The This That These Those It Its I I'm I've We We're Our Us You Your He She They
    Their His Her Him Them My Me Mine If When While After Before As At By In On Of For From To
    With Without Within Into Onto Over Under About Above Below Between Through During Since
    Until And But Or Nor Not No Yes So Yet Also Then Than Why What How Who Whom Whose Where
    Which Here There Now Today Tomorrow Yesterday Last Next Every Each Some Any All Both Most
    Many Much More Less Few One Two Three Four Five Six Seven Eight Nine Ten First Second Third
    Finally However Still Even Just Only Perhaps Maybe Instead Meanwhile Thanks Thank Please
    Note Notes Update Updated Edit Edited Read See Also Share Shares Analysts Rivals Sources
    Source Photo Image Figure Fig Table Chapter Section Part Step Summary Conclusion Introduction
    Background Abstract Related Work References Appendix Overview Example Examples Usage
    Install Installation Setup Configuration Getting Started FAQ TL TLDR DR PS
    Title None True False Null Nil Undefined Error Warning Info Debug Screenshot Screenshots
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept
    Oct Nov Dec Mr Mrs Ms Dr Prof Sir Dear CEO CTO CFO COO CSO VP SVP EVP PhD MBA
    Q1 Q2 Q3 Q4 OK Okay Hi Hello Hey Oh Well Good Great New Old Big Small Let Let's Don't
    Can Could Would Should Will Shall Must May Might Do Does Did Is Are Was Were Be Been Being
    Have Has Had Get Got Make Made Use Using Used Try Keep Think Imagine Consider Remember
    Enterprises Startups Researchers Engineers Developers Users Customers Investors Founders
    English Chinese Japanese American European Asian British French German Korean Indian
    Canadian Australian Swiss Swedish Dutch Israeli Russian Spanish Italian Brazilian Mexican
    Taiwanese Singaporean Norwegian Danish Finnish Irish Scottish Polish African Arab
    Nature Science Cell Lancet Digital Chemistry Physics Biology Mathematics Economics
    Literature Peace"""
)
# Product, model and technology words: never people, and not organisations either.
PRODUCTS = words_of(
    """GPT ChatGPT Claude Llama Gemini Gemma Bard Copilot Sora Veo Midjourney Imagen Qwen
    Mixtral Grok Kimi Ernie Phi Falcon Whisper DALL-E Stable Diffusion Transformer
    Transformers BERT RoBERTa ResNet LoRA RLHF DPO PPO MoE RAG CUDA ROCm TensorRT PyTorch
    TensorFlow JAX Keras NumPy Pandas Python TypeScript JavaScript Rust Go Java Kotlin Swift
    Ruby PHP Perl Scala Haskell Elixir Erlang SQL NoSQL GraphQL REST JSON YAML XML HTML CSS
    HTTP HTTPS TCP IP DNS SSH TLS API APIs SDK SDKs CLI GUI UI UX IDE AI AGI ASI LLM LLMs VLM
    NLP ML DL RL CV GPU GPUs TPU TPUs CPU CPUs NPU ASIC FPGA HBM DRAM SSD RAM VRAM CoWoS EUV
    Linux Windows macOS iOS Android Ubuntu Debian Docker Kubernetes Kafka Spark Hadoop Redis
    Postgres PostgreSQL MySQL SQLite MongoDB Elasticsearch Git Markdown LaTeX Vim Emacs
    VSCode Jupyter Excel Word PowerPoint Slack Zoom Teams Chrome Firefox Safari Edge iPhone
    iPad Mac MacBook Pixel Galaxy Xbox PlayStation Switch Kindle Alexa Siri Cortana Azure AWS
    GCP Cloud Workspace Vision Pro Max Ultra Mini Nano Plus Lite Turbo Flash Sonnet
    Opus Haiku Preview Beta Alpha Instruct Chat Coder Base Large Medium Small XL Web App Apps
    CQRS DDD SaaS PaaS IaaS CI CD DevOps MLOps SRE OSS FOSS MIT BSD GPL Apache-2.0 CC BY NC SA
    ND RSS PDF PNG JPEG SVG MP4 USB HDMI WiFi Bluetooth LTE 5G 4G OLED LCD LED TypeError
    ValueError KeyError Exception Prize Award Awards Medal Workers Pages Functions Agent
    Agents Assistant Notebook Notebooks Engine Platform Hub Store Console Suite Kit Toolkit
    VAE GAN CNN RNN LSTM MLP ViT OCR ASR TTS"""
)
# Words that make a sequence an organisation (Lambda Labs, University of Washington).
ORG_WORDS = words_of(
    """Labs Lab Laboratory Laboratories Inc Inc. Corp Corp. Corporation Ltd Ltd. LLC LLP PLC GmbH
    AG SA Co Company Companies Ventures Capital Partners Holdings Group Networks Technologies
    Technology Systems Solutions Software Robotics Dynamics Semiconductor Semiconductors
    Microsystems Electronics Motors Pharmaceuticals Pharma Therapeutics Biosciences Bio
    Biotech Health Healthcare Medical Hospital Clinic University Universität Université
    Universidad Institute Institut College School Academy Foundation Fund Trust Society
    Association Alliance Consortium Council Committee Commission Agency Department Ministry
    Bureau Office Center Centre Research Studio Studios Games Media News Press Times Journal
    Post Review Magazine Bank Securities Insurance Exchange Stanley Sachs Club League Team
    Energy Power Oil Gas Airlines Airways Motors Automotive Foods Brands Entertainment
    Pictures Records Communications Telecom Mobile Aerospace Industries Manufacturing AI"""
)
PLACES = words_of(
    """Europe Asia Africa America Americas Australia Antarctica Silicon Valley Bay Area
    Vancouver Toronto Montreal Seattle Boston Austin Chicago London Paris Berlin Munich Zurich
    Geneva Amsterdam Stockholm Helsinki Dublin Madrid Rome Milan Moscow Dubai Singapore Seoul
    Tokyo Osaka Kyoto Beijing Shanghai Shenzhen Hangzhou Guangzhou Chengdu Wuhan Nanjing
    Hong Kong Taipei Taiwan Mumbai Bangalore Delhi Sydney Melbourne York Francisco Angeles
    Diego California Texas Washington Canada China Japan Korea India France Germany Britain
    England Ireland Italy Spain Israel Russia Brazil Mexico UK US USA EU Norway Sweden Finland
    Denmark Iceland Netherlands Belgium Switzerland Austria Poland Portugal Greece Turkey
    Egypt Nigeria Kenya Argentina Chile Colombia Peru Vietnam Thailand Indonesia Malaysia
    Philippines Pakistan Bangladesh Iran Iraq Saudi Arabia Qatar Ukraine Louisiana Arizona
    Oregon Nevada Florida Georgia Virginia Ohio Michigan Utah Colorado Massachusetts Oslo
    Copenhagen Vienna Prague Warsaw Lisbon Athens Istanbul Cairo Lagos Nairobi Hanoi Bangkok
    Jakarta Manila Taiwan's"""
)
# Lower-case words that may stand inside an organisation's or person's name.
JOINERS = frozenset({"of", "de", "van", "von", "der", "du", "la", "&"})

# Particles and function words: a "name" containing one is a phrase that a rule cut out.
NON_NAME_CHARS = set("的了着过在是和与及被也因而此位副中上下里内外说任论评发文公开联合兼始")
# Words that stand where a name would, before a role or a verb of saying.
CHINESE_STOPWORDS = {
    "他们", "我们", "公司", "业内人士", "分析师", "有分析师", "网友", "消息人士", "官方", "对方",
    "外界", "报道", "媒体", "人士", "团队", "此前", "随后", "同时", "他曾", "她曾",
}  # fmt: skip
