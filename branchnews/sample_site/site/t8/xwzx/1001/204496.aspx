<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>政协委员视察城区老旧小区改造-云州市云东区政协</title>
</head>
<body>
<div class="header"><a class="logo" href="/t8/">云州市云东区政协</a></div>
<ul class="nav"><li><a href="/t8/">首页</a></li><li><a href="/t8/xwzx/1001/Default.aspx">政协动态</a></li><li><a href="/t8/About.aspx">联系我们</a></li></ul>
<div class="crumb">您现在的位置：<a href="/t8/">首页</a> &gt; 新闻中心 &gt; <a href="/t8/xwzx/1001/Default.aspx">政协动态</a></div>
<div class="article">
<h1>政协委员视察城区老旧小区改造</h1>
<div class="info">发布时间：2025-04-02 15:40:00　来源：提案委员会　作者：高某</div>
<div class="content">
<p style="text-indent:2em">4月2日，区政协组织部分委员视察城区老旧小区改造工作。</p>
<p style="text-indent:2em">委员们实地察看了三个改造项目，听取了有关部门的情况介绍。</p>
</div>
<div class="prevnext"><p>上一篇：<a href="/t8/xwzx/1001/204431.aspx">区政协开展委员进社区活动</a></p><p>下一篇：<a href="/t8/xwzx/1001/204518.aspx">区政协召开主席会议</a></p></div>
</div>
<div class="footer">主办：云州市云东区政协 地址：云州市新华路8号 <a href="/">返回总站</a></div>
</body>
</html>
