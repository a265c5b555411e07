<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>政协动态-云州市云东区政协</title>
</head>
<body>
<div class="header"><a class="logo" href="/t8/">云州市云东区政协</a></div>
<ul class="nav"><li><a href="/t8/">首页</a></li><li><a href="/t8/xwzx/1001/Default.aspx">政协动态</a></li><li><a href="/t8/About.aspx">联系我们</a></li></ul>
<div class="crumb">您现在的位置：<a href="/t8/">首页</a> &gt; 政协动态</div>
<div class="list">
<tr><td class="title"><a href="204518.aspx" target="_blank">区政协召开主席会议</a></td><td class="date">2025-04-08</td></tr>
<tr><td class="title"><a href="204496.aspx" target="_blank">政协委员视察城区老旧小区改造</a></td><td class="date">2025-04-02</td></tr>
<tr><td class="title"><a href="http://www.yzzx.example.gov.cn/xwzx/1001/99001.aspx" target="_blank">市政协：召开常委会议</a></td><td class="date">2025-04-01</td></tr>
</div>
<div id="AspNetPager1" class="paginator"><a disabled="disabled">首页</a><a disabled="disabled">上一页</a><span class="cpb">1</span><a href="Default.aspx?PageIndex=2">2</a><a href="Default.aspx?PageIndex=2">下一页</a><a href="Default.aspx?PageIndex=2">尾页</a><span>共6条 1/2页</span></div>
<div class="footer">主办：云州市云东区政协 地址：云州市新华路8号 <a href="/">返回总站</a></div>
</body>
</html>
