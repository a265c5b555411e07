<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>联系我们_民建云州市委会</title>
</head>
<body>
<div class="header"><a class="logo" href="/t9/">民建云州市委会</a></div>
<ul class="nav"><li><a href="/t9/">首页</a></li><li><a href="/t9/news/list.jsp?cid=12">会务动态</a></li><li><a href="/t9/about.jsp">联系我们</a></li></ul>
<div class="crumb">当前位置：<a href="/t9/">首页</a> &gt; 联系我们</div>
<div class="about"><p>地址：云州市新华路8号</p><p>邮编：100000</p><p>电话：0000-1234567</p></div>
<div class="footer">主办：民建云州市委会 地址：云州市新华路8号 <a href="/">返回总站</a></div>
</body>
</html>
