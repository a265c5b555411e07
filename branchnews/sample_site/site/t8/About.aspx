<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>联系我们_云州市云东区政协</title>
</head>
<body>
<div class="header"><a class="logo" href="/t8/">云州市云东区政协</a></div>
<ul class="nav"><li><a href="/t8/">首页</a></li><li><a href="/t8/xwzx/1001/Default.aspx">政协动态</a></li><li><a href="/t8/About.aspx">联系我们</a></li></ul>
<div class="crumb">您现在的位置：<a href="/t8/">首页</a> &gt; 联系我们</div>
<div class="about"><p>地址：云州市新华路8号</p><p>邮编：100000</p><p>电话：0000-1234567</p></div>
<div class="footer">主办：云州市云东区政协 地址：云州市新华路8号 <a href="/">返回总站</a></div>
</body>
</html>
