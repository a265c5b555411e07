<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>区政协召开主席会议-云州市云东区政协</title>
</head>
<body>
<div class="header"><a class="logo" href="/t8/">云州市云东区政协</a></div>
<ul class="nav"><li><a href="/t8/">首页</a></li><li><a href="/t8/xwzx/1001/Default.aspx">政协动态</a></li><li><a href="/t8/About.aspx">联系我们</a></li></ul>
<div class="crumb">您现在的位置：<a href="/t8/">首页</a> &gt; 新闻中心 &gt; <a href="/t8/xwzx/1001/Default.aspx">政协动态</a></div>
<div class="article">
<h1>区政协召开主席会议</h1>
<div class="info">发布时间：2025-04-08 10:12:05　来源：区政协办公室　作者：高某</div>
<div class="content">
<p style="text-indent:2em">4月8日，区政协召开主席会议，研究部署第二季度重点工作。</p>
<p style="text-indent:2em">会议审议了年度协商计划和委员履职管理办法。</p>
<p style="text-indent:2em">会议强调，要聚焦全区中心工作，把协商议政的成果转化为推动发展的实际效果。</p>
</div>
<div class="editor">责任编辑：罗某</div>
<div class="prevnext"><p>上一篇：<a href="/t8/xwzx/1001/204496.aspx">政协委员视察城区老旧小区改造</a></p><p>下一篇：没有了</p></div>
</div>
<div class="footer">主办：云州市云东区政协 地址：云州市新华路8号 <a href="/">返回总站</a></div>
</body>
</html>
