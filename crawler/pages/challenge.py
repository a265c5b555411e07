"""Is this page a WAF / anti-bot challenge instead of the article? (pure, stdlib only)

Chinese government and organisation sites sit behind a handful of WAFs that answer a crawler
with a stub page instead of the article, often with status 200:

* 加速乐 (知道创宇): ``document.cookie=('_')+('_')+('j')+('s')+('l')…`` builds ``__jsl_clearance``
  (or ``__jsl_clearance_s``) and reloads with ``location.href=location.pathname+location.search``;
  the second stage calls ``go({…"tn":"__jsl_clearance_s"…})``. Status is usually 521.
* 阿里云 WAF: ``var arg1='…'`` plus obfuscated code whose ``reload(x)`` does
  ``setCookie("acw_sc__v2", x)`` and ``document.location.reload()``; its slider page
  (滑动验证) sets ``_waf_…`` cookies.
* 瑞数 (Ruishu): ``<meta … r='m'>`` and ``$_ts=window['$_ts']`` scripts (status 202/412).
* 云锁: ``security_verify_data`` / ``yunsuo_session_verify`` redirects.
* Cloudflare: "Just a moment…", ``cf_chl_opt`` / ``jschl``.
* Captcha interstitials (安全验证, 访问验证, 人机验证, 滑动验证 …) and ``<noscript>请开启JavaScript``
  stubs.

A challenge page is *short*: what a reader sees is a line or two, the rest is script. So every
rule first requires little visible text; a real article that mentions "cookie", has a font-size
cookie helper or a 百度统计 snippet never qualifies, however its scripts look.
"""

from __future__ import annotations

import html
import re

# Larger pages are not stubs (加速乐's second stage and 阿里云's arg1 page are tens of KB).
MAX_PAGE_CHARS = 600_000
# Visible characters a named challenge or captcha interstitial shows at most ...
MAX_VISIBLE = 300
# ... and a page that is only a script (generic cookie+reload, noscript stubs) at most.
MAX_VISIBLE_BARE = 40

_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)(?:</script\s*>|\Z)", re.S | re.I)
_STYLE = re.compile(r"<style\b[^>]*>.*?(?:</style\s*>|\Z)", re.S | re.I)
_NOSCRIPT = re.compile(r"<noscript\b[^>]*>(.*?)(?:</noscript\s*>|\Z)", re.S | re.I)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
# Obfuscators spell names out as ('_')+('_')+('j')…: squash quotes, brackets and pluses away.
_SQUASH = re.compile(r"[\s'\"()\[\]+]")

# Named challenges: (reason, pattern searched in the raw page and in the squashed scripts).
_SIGNATURES: tuple[tuple[str, re.Pattern], ...] = (
    ("加速乐 __jsl_clearance cookie script", re.compile(r"__jsl_clearance|__jsluid", re.I)),
    ("阿里云 acw_sc__v2 cookie script", re.compile(r"acw_sc__v2", re.I)),
    ("瑞数 $_ts dynamic cookie script", re.compile(r"\$_ts\s*=\s*window\[|\$_ts\.(?:cd|nsd)\b")),
    ("云锁 security_verify_data redirect", re.compile(r"security_verify_data|yunsuo_session_verify", re.I)),
    ("Cloudflare browser check", re.compile(r"cf_chl_opt|cf-chl-|__cf_chl|jschl_vc|jschl_answer|/cdn-cgi/challenge-platform", re.I)),
    ("WAF _waf cookie script", re.compile(r"\b_waf_[0-9a-z]{4,}|\bwaf_cookie|\b__waf\w*=", re.I)),
)
# 阿里云-style obfuscated challenge without the cookie name in clear.
_ARG1 = re.compile(r"\bvar\s+arg1\s*=\s*['\"][0-9A-F]{20,}['\"]|\barg1\s*=\s*['\"][0-9A-F]{20,}['\"]", re.I)
_SET_COOKIE_FN = re.compile(r"\bsetCookie\s*\(|document\.cookie\s*=", re.I)
_COOKIE_WRITE = re.compile(r"document\.cookie\s*(?:\+)?=", re.I)
_RELOAD = re.compile(r"location\.reload\s*\(|location(?:\.href)?\s*=|location\.replace\s*\(|"
                     r"location\.assign\s*\(|http-equiv\s*=\s*['\"]?refresh", re.I)
# Words of a captcha interstitial, read in the visible text (title included).
_CAPTCHA = re.compile(
    r"安全验证|访问验证|人机验证|滑动验证|滑块验证|拖动(?:下方)?滑块|请(?:输入|完成)(?:图形)?验证码?|"
    r"验证(?:通过)?后(?:继续|方可)访问|访问过于频繁|访问频率过高|请求过于频繁|"
    r"checking your browser|verify you are (?:a )?human|just a moment\.\.\.|are you a robot",
    re.I)
_BLOCKED = re.compile(r"网站防火墙|safedog|安全狗|您的(?:访问|请求)(?:已)?被(?:拦截|阻断)|"
                      r"当前访问疑似黑客攻击|(?:访问|请求)被WAF拦截", re.I)
_JS_REQUIRED = re.compile(
    r"(?:开启|启用|打开|允许|支持)\s*(?:浏览器的?)?\s*(?:JavaScript|JS|脚本)|"
    r"enable\s+JavaScript|JavaScript\s+(?:is\s+)?(?:required|disabled|must be enabled)", re.I)


def _visible(text: str) -> str:
    """What a reader sees, roughly: no scripts, styles, noscript, comments or tags."""
    text = _COMMENT.sub(" ", text)
    text = _SCRIPT.sub(" ", text)
    text = _STYLE.sub(" ", text)
    text = _NOSCRIPT.sub(" ", text)
    text = _TAG.sub(" ", text)
    return _SPACE.sub(" ", html.unescape(text)).strip()


def challenge_reason(text: str) -> str | None:
    """A short reason when ``text`` (a decoded page) is a WAF/anti-bot challenge, else ``None``.

    Reasons name the mechanism: ``"加速乐 __jsl_clearance cookie script"``,
    ``"captcha interstitial (安全验证)"``, ``"JavaScript-required stub"`` … The caller reports
    ``f"WAF challenge page ({reason})"``.
    """
    if not text or len(text) > MAX_PAGE_CHARS:
        return None
    visible = _visible(text)
    if len(visible) > MAX_VISIBLE:
        return None  # a reader sees a real page: never a stub, whatever its scripts say
    scripts = "\n".join(_SCRIPT.findall(text))
    squashed = _SQUASH.sub("", scripts)
    for reason, pattern in _SIGNATURES:
        if pattern.search(text) or pattern.search(squashed):
            return reason
    if _ARG1.search(scripts) and _SET_COOKIE_FN.search(scripts):
        return "arg1 cookie script (阿里云-style)"
    captcha = _CAPTCHA.search(visible)
    if captcha:
        return f"captcha interstitial ({captcha.group(0)})"
    blocked = _BLOCKED.search(visible)
    if blocked:
        return f"blocked by WAF ({blocked.group(0)})"
    if len(visible) > MAX_VISIBLE_BARE:
        return None
    if _COOKIE_WRITE.search(scripts) and _RELOAD.search(scripts):
        return "JS cookie challenge (document.cookie + reload)"
    noscript = " ".join(_NOSCRIPT.findall(text))
    if _JS_REQUIRED.search(_TAG.sub(" ", noscript)) or (_JS_REQUIRED.search(visible) and scripts.strip()):
        return "JavaScript-required stub"
    return None
