<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>区政协召开专题协商会-云州市云东区政协</title>
</head>
<body>
<div class="header"><a class="logo" href="/t8/">云州市云东区政协</a></div>
<ul class="nav"><li><a href="/t8/">首页</a></li><li><a href="/t8/xwzx/1001/Default.aspx">政协动态</a></li><li><a href="/t8/About.aspx">联系我们</a></li></ul>
<div class="crumb">您现在的位置：<a href="/t8/">首页</a> &gt; 新闻中心 &gt; <a href="/t8/xwzx/1001/Default.aspx">政协动态</a></div>
<div class="article">
<h1>区政协召开专题协商会</h1>
<div class="info">发布时间：2025-03-20 14:30:00　来源：区政协办公室　作者：谭某</div>
<div class="content">
<p style="text-indent:2em">3月20日，区政协召开专题协商会，围绕优化营商环境建言献策。</p>
<p style="text-indent:2em">八位委员和企业代表作了发言，有关部门负责同志现场回应。</p>
</div>
<div class="editor">责任编辑：罗某</div>
<div class="prevnext"><p>上一篇：没有了</p><p>下一篇：<a href="/t8/xwzx/1001/204431.aspx">区政协开展委员进社区活动</a></p></div>
</div>
<div class="footer">主办：云州市云东区政协 地址：云州市新华路8号 <a href="/">返回总站</a></div>
</body>
</html>
