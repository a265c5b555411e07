"""WAF / anti-bot challenge pages are recognised; real articles, however short, are not."""

from __future__ import annotations

import pytest

from branchnews.crawler.pages.challenge import challenge_reason

# 加速乐 first stage (status 521 in the wild): the cookie name is spelled out character by character.
JSL_STAGE1 = ("<script>document.cookie=('_')+('_')+('j')+('s')+('l')+('_')+('c')+('l')+('e')+('a')"
              "+('r')+('a')+('n')+('c')+('e')+('_')+('s')+('=')+(+!+[]+'')+(3+4+'')+(-~false+'')"
              "+('.')+(-~1+'')+('|')+('-')+((+true)+'')+('|')+('L')+('w')+('j')+('%')+('3')+('D')"
              "+(';')+(' ')+('M')+('a')+('x')+('-')+('a')+('g')+('e')+('=')+('3')+('6')+('0')+('0')"
              "+(';')+(' ')+('P')+('a')+('t')+('h')+('=')+('/');"
              "location.href=location.pathname+location.search</script>")
# 加速乐 second stage: obfuscated hashing code ending in go({...}).
JSL_STAGE2 = ("<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
              "charset=utf-8\"></head><body><script>var _0x4f9d=['HnJu','w4Jow5Ak','CCrDq8KX'];"
              "function hash(_0x9060ec){return _0x9060ec}function go(_0x2a5b){var _0x1=_0x2a5b;"
              "document.cookie=_0x1['tn']+'='+hash(_0x1['ct'])+';Max-age='+_0x1['vt']+'; path = /';"
              "location['href']=location['pathname']+location['search']}"
              "go({\"bts\":[\"1719472446.491|0|DvK\",\"qAZQWpYbXFJ6aH8q%3D\"],"
              "\"chars\":\"xSjSbiFqwxNNUdXmFdKjmn\",\"ct\":\"9e0a1c87a2a2e9\",\"ha\":\"sha1\","
              "\"is\":true,\"tn\":\"__jsl_clearance_s\",\"vt\":\"3600\",\"wt\":\"1500\"})"
              "</script></body></html>")
JSL_OLD = ("<html><body><script>var x=\"@Expires@1500@cookie@__jsl_clearance@max-age@path@"
           "location@href@pathname@search@replace@\".split('@');"
           "document.cookie='__jsl_clearance=1561012345.123|0|dsQ%2FcRu0bbJPPx%2Fw%3D;max-age=3600;path=/';"
           "location.href=location.pathname+location.search;</script></body></html>")
# 阿里云 WAF: arg1 plus obfuscated reload(x) → setCookie("acw_sc__v2", x).
ACW = ("<html><script>\nvar arg1='70D9569CD5E5895C84F284A09503B1598C5762A1';\n"
       "var _0x4818=['\\x63\\x73\\x4b\\x48\\x77\\x71\\x4d\\x49','\\x6a\\x53\\x6b\\x72'];\n"
       "(function(_0x4c97f0,_0x1742fd){var _0x4db1c=function(_0x48181e){while(--_0x48181e)"
       "{_0x4c97f0['push'](_0x4c97f0['shift']());}};_0x4db1c(++_0x1742fd);}(_0x4818,0x15b));\n"
       "var l=function(){var _0x5e8b26='3000176000856006061501533003690027800375';"
       "return _0x5e8b26};\n"
       "function setCookie(name,value){var expiredate=new Date();"
       "expiredate.setTime(expiredate.getTime()+(3600*1000));"
       "document.cookie=name+'='+value+';expires='+expiredate.toGMTString()+';max-age=3600;path=/';}\n"
       "function reload(x){setCookie(\"acw_sc__v2\",x);document.location.reload();}\n"
       "reload(l());\n</script></html>")
# The same page with the cookie name hidden in the string table.
ARG1_ONLY = ACW.replace('"acw_sc__v2"', "_0x4818[0x1]")
ALI_SLIDER = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>滑动验证页面</title>"
              "<script src=\"//g.alicdn.com/sd/ncpc/nc.js?t=2024051210\"></script></head><body>"
              "<div id=\"nocaptcha\" class=\"nc-container\"></div><div class=\"tip\">"
              "请按住滑块，拖动到最右边</div><script>var requestInfo={'token':'4b1c','url':'/'};"
              "window.NC_Opt={renderTo:'#nocaptcha',appkey:'CF_APP_WAF',scene:'register'};"
              "</script></body></html>")
WAF_COOKIE = ("<html><head><script>document.cookie=\"_waf_bd8ce2ce37=3fa1c05e2d7b;path=/\";"
              "window.location.reload();</script></head><body></body></html>")
CAPTCHA_ACCESS = ("<html><head><meta charset=\"utf-8\"><title>访问验证</title></head><body>"
                  "<div class=\"box\"><h3>访问验证</h3><p>您的访问存在异常，请输入验证码后继续访问。</p>"
                  "<img src=\"/waf/captcha.png\"><form method=\"post\"><input name=\"code\">"
                  "<button>提交</button></form></div></body></html>")
SAFETY_CHECK = ("<html><head><title>安全验证</title><script src=\"/_guard/auto.js\"></script>"
                "</head><body><p>正在进行安全验证，请稍候……</p></body></html>")
NOSCRIPT_STUB = ("<html><head><meta charset=\"utf-8\"><script type=\"text/javascript\" "
                 "src=\"/4QbVtADbnLVIc/d.js\"></script></head><body>"
                 "<noscript>请开启JavaScript并刷新该页.</noscript></body></html>")
RUISHU = ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">"
          "<meta id=\"9DhefwqGPrzO\" content=\"Jk8iK0pAbcdEfGhi\" r='m'>"
          "<script type=\"text/javascript\" r='m'>$_ts=window['$_ts'];if(!$_ts)$_ts={};"
          "$_ts.nsd=36517;$_ts.cd=\"qtqrrrAlxGAbqqqaHW\";</script>"
          "<script type=\"text/javascript\" charset=\"utf-8\" src=\"/abc/9rkY8vO1.b4c45da.js\" r='m'>"
          "</script></head><body></body></html>")
YUNSUO = ("<html><head><script type=\"text/javascript\">function stringToHex(str){var val=\"\";"
          "for(var i=0;i<str.length;i++){val+=str.charCodeAt(i).toString(16);}return val;}"
          "var screendate=screen.width+\",\"+screen.height;var curlocation=window.location.href;"
          "self.location=\"/?security_verify_data=\"+stringToHex(screendate);</script></head>"
          "<body></body></html>")
CLOUDFLARE = ("<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title></head>"
              "<body><div class=\"main-content\"><h1>www.example.gov.cn</h1>"
              "<p>Checking if the site connection is secure</p></div>"
              "<script>(function(){window._cf_chl_opt={cvId:'3',cZone:'www.example.gov.cn'};"
              "})();</script></body></html>")
SAFEDOG = ("<html><head><title>网站防火墙</title></head><body><div>您的请求带有不合法参数，"
           "已被网站管理员设置拦截！</div><div>可能原因：您提交的内容包含危险的攻击请求</div>"
           "<a href=\"http://www.safedog.cn\">网站防火墙</a></body></html>")
GENERIC_COOKIE_RELOAD = ("<html><body><script>var t=new Date().getTime();"
                         "document.cookie='verify_t='+t+';path=/';location.replace(location.href);"
                         "</script></body></html>")

# -- real pages ---------------------------------------------------------------------------------
CHROME = ("<div class=\"header\"><a href=\"/\">首页</a><a href=\"/mjdt/\">民建动态</a>"
          "<a href=\"/czyz/\">参政议政</a><a href=\"/shfw/\">社会服务</a></div>")
FOOTER = ("<div class=\"footer\">主办：民建北京市委员会 地址：北京市西城区 邮编：100035 "
          "京ICP备05012345号 京公网安备11010202000001号 技术支持：北京某某网络科技有限公司</div>")


def article(body: str, head: str = "", title: str = "民建北京市委召开2024年宣传工作会议") -> str:
    return (f"<html><head><meta charset=\"utf-8\"><title>{title}-民建北京市委</title>{head}</head>"
            f"<body>{CHROME}<div class=\"article\"><h1>{title}</h1>"
            f"<div class=\"info\">发布时间：2024-05-12 来源：民建北京市委宣传处</div>"
            f"<div class=\"content\">{body}</div><p>责任编辑：王丽</p></div>{FOOTER}</body></html>")


PARAS = ("<p>5月10日，民建北京市委召开2024年宣传工作会议，总结上一年度宣传工作，部署本年度重点任务。"
         "市委会各基层组织宣传委员参加会议。</p>"
         "<p>会议指出，宣传工作要围绕中心、服务大局，讲好民建故事，传播好民建声音。</p>"
         "<p>会议要求，各基层组织要加强信息报送，提升网站和新媒体平台的内容质量。</p>")
ARTICLE_ABOUT_COOKIES = article(
    "<p>网络安全宣传周期间，专家提醒市民：浏览网页时要留意网站使用的cookie，不随意同意"
    "第三方cookie，定期清理浏览器缓存；遇到要求“安全验证”的陌生页面，应核实网址后再操作。</p>"
    "<p>document.cookie 等脚本接口可以读取本地数据，公众应使用正规浏览器并及时更新。</p>" + PARAS,
    title="网络安全宣传周：留意cookie与安全验证")
ARTICLE_WITH_FONT_COOKIE = article(
    PARAS, head="<script>function setFont(s){document.cookie='fontsize='+s+';path=/';"
                "location.reload();}var _hmt=_hmt||[];(function(){var hm=document.createElement"
                "('script');hm.src='https://hm.baidu.com/hm.js?0123456789abcdef';"
                "document.getElementsByTagName('head')[0].appendChild(hm);})();</script>")
ARTICLE_WITH_NOSCRIPT = article(PARAS, head="<noscript>请开启JavaScript以获得更好的浏览体验</noscript>")
SHORT_NOTICE = ("<html><head><meta charset=\"utf-8\"><title>停电通知</title>"
                "<script>function setFont(s){document.cookie='fs='+s;location.reload();}</script>"
                "</head><body><h1>关于5月18日机关大楼停电的通知</h1><p>因供电线路检修，5月18日"
                "（星期六）8:00至18:00机关大楼停电，请各部门提前做好准备。</p>"
                "<p>民建北京市委办公室 2024年5月15日</p></body></html>")
COOKIE_CONSENT = ("<html><body><h1>中国民主建国会北京市委员会</h1><p>本网站使用cookie改善您的浏览体验，"
                  "继续浏览即表示您同意我们使用cookie。</p><p>欢迎访问民建北京市委门户网站，"
                  "了解民建北京市委各项工作动态、参政议政成果和社会服务活动。</p></body></html>")
JS_REDIRECT = "<html><head><script>location.href='/index.html';</script></head><body></body></html>"
NOT_FOUND = "<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1><hr>nginx</body></html>"
JQUERY_COOKIE = ("<html><head><script src=\"/js/jquery.cookie.js\"></script><script>"
                 "$.cookie('visited','1');</script></head><body><p>首页</p></body></html>")
LONG_SCRIPT_ARTICLE = article(PARAS * 3, head="<script>" + "var a=1;" * 5000 + "</script>")

POSITIVE = [
    ("jsl-stage1", JSL_STAGE1, "__jsl_clearance"),
    ("jsl-stage2", JSL_STAGE2, "__jsl_clearance"),
    ("jsl-old", JSL_OLD, "__jsl_clearance"),
    ("acw_sc__v2", ACW, "acw_sc__v2"),
    ("arg1-only", ARG1_ONLY, "arg1"),
    ("ali-slider", ALI_SLIDER, "滑动验证"),
    ("waf-cookie", WAF_COOKIE, "_waf"),
    ("captcha-access", CAPTCHA_ACCESS, "访问验证"),
    ("safety-check", SAFETY_CHECK, "安全验证"),
    ("noscript-stub", NOSCRIPT_STUB, "JavaScript-required"),
    ("ruishu", RUISHU, "瑞数"),
    ("yunsuo", YUNSUO, "云锁"),
    ("cloudflare", CLOUDFLARE, "Cloudflare"),
    ("safedog-block", SAFEDOG, "网站防火墙"),
    ("generic-cookie-reload", GENERIC_COOKIE_RELOAD, "document.cookie + reload"),
]
NEGATIVE = [
    ("article-about-cookies", ARTICLE_ABOUT_COOKIES),
    ("article-font-cookie-script", ARTICLE_WITH_FONT_COOKIE),
    ("article-noscript-banner", ARTICLE_WITH_NOSCRIPT),
    ("short-notice-font-cookie", SHORT_NOTICE),
    ("cookie-consent", COOKIE_CONSENT),
    ("js-redirect", JS_REDIRECT),
    ("404-page", NOT_FOUND),
    ("jquery-cookie", JQUERY_COOKIE),
    ("long-script-article", LONG_SCRIPT_ARTICLE),
    ("empty", ""),
    ("whitespace", "  \n "),
    ("plain-text", "民建北京市委召开宣传工作会议。"),
]


@pytest.mark.parametrize("text, expected", [pytest.param(t, e, id=i) for i, t, e in POSITIVE])
def test_challenge_pages_are_recognised(text, expected):
    reason = challenge_reason(text)
    assert reason is not None and expected in reason, reason


@pytest.mark.parametrize("text", [pytest.param(t, id=i) for i, t in NEGATIVE])
def test_real_pages_are_not_challenges(text):
    assert challenge_reason(text) is None


def test_a_huge_page_is_never_a_stub():
    assert challenge_reason(ACW + " " * 700_000) is None
