<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>区政协开展委员进社区活动-云州市云东区政协</title>
</head>
<body>
<div class="header"><a class="logo" href="/t8/">云州市云东区政协</a></div>
<ul class="nav"><li><a href="/t8/">首页</a></li><li><a href="/t8/xwzx/1001/Default.aspx">政协动态</a></li><li><a href="/t8/About.aspx">联系我们</a></li></ul>
<div class="crumb">您现在的位置：<a href="/t8/">首页</a> &gt; 新闻中心 &gt; <a href="/t8/xwzx/1001/Default.aspx">政协动态</a></div>
<div class="article">
<h1>区政协开展委员进社区活动</h1>
<div class="info">发布时间：2025-03-27 09:05:30　来源：社会法制委员会</div>
<div class="content">
<p style="text-indent:2em">3月27日，区政协开展委员进社区活动，为居民提供法律咨询和健康义诊。</p>
<p style="text-indent:2em"><strong>一、法律咨询</strong></p>
<p style="text-indent:2em">律师界委员现场解答了居民关心的物业纠纷和继承等问题。</p>
<p style="text-indent:2em"><strong>二、健康义诊</strong></p>
<p style="text-indent:2em">医卫界委员为老年居民测量血压，讲解慢性病防治知识。</p>
</div>
<div class="editor">责任编辑：罗某</div>
<div class="prevnext"><p>上一篇：<a href="/t8/xwzx/1001/204377.aspx">区政协召开专题协商会</a></p><p>下一篇：<a href="/t8/xwzx/1001/204496.aspx">政协委员视察城区老旧小区改造</a></p></div>
</div>
<div class="footer">主办：云州市云东区政协 地址：云州市新华路8号 <a href="/">返回总站</a></div>
</body>
</html>
