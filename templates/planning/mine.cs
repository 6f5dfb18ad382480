<?cs # mine.cs: a temp worker's own planning — the shifts published for him, open shifts to take, his week and the days that differ; for the agency (Page.Agency) only a worker's week and days ?>
<?cs include:"partials/date.cs" ?>
<?cs def:title() ?><?cs if:Page.Agency ?><?cs var:Lang.Planning.Mine.AgencyTitle ?> <?cs var:Page.Worker.Name ?><?cs else ?><?cs var:Lang.Nav.myplanning ?><?cs /if ?><?cs /def ?>
<?cs def:err(name) ?><?cs if:Page.Errors[name] ?><p class="field-error" id="e-<?cs var:name ?>"><?cs var:Lang.Errors[Page.Errors[name]] ?></p><?cs /if ?><?cs /def ?>
<?cs def:time(name, label) ?><div class="field<?cs if:Page.Errors[name] ?> has-error<?cs /if ?>"><label for="f-<?cs var:name ?>"><?cs var:label ?></label>
  <input id="f-<?cs var:name ?>" name="<?cs var:name ?>" type="time" value="<?cs var:Page.Form[name] ?>"<?cs if:Page.Errors[name] ?> aria-invalid="true" aria-describedby="e-<?cs var:name ?>"<?cs /if ?>>
  <?cs call:err(name) ?></div><?cs /def ?>
<?cs def:keep(kind, rows, title, help, path) ?><section class="panel">
<h2><?cs var:title ?></h2>
<p class="muted small"><?cs var:help ?></p>
<?cs if:subcount(rows) > 0 ?><ul class="plain"><?cs each:x = rows ?><li><?cs if:x.Client ?><?cs var:x.Client ?><?cs /if ?><?cs if:x.Unit ?> · <?cs var:x.Unit ?><?cs /if ?>: <strong><?cs var:x.Position ?></strong><?cs if:x.Source ?> <span class="muted small">(<?cs var:Lang.Planning.Workers.Sources[x.Source] ?>)</span><?cs /if ?>
  <?cs if:x.MayRemove ?><form method="post" action="<?cs var:Page.Prefix ?><?cs var:Page.Base ?>/<?cs var:path ?>/<?cs var:x.Id ?>/delete" class="inline"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><button type="submit" class="btn btn-quiet"><?cs var:Lang.Planning.Mine.Remove ?></button></form><?cs /if ?></li><?cs /each ?></ul>
<?cs else ?><p class="muted"><?cs var:Lang.Planning.Workers.NoneYet ?></p><?cs /if ?>
<?cs if:subcount(Page.Units) > 0 ?><form method="post" action="<?cs var:Page.Prefix ?><?cs var:Page.Base ?>/<?cs var:path ?>" novalidate>
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <div class="field<?cs if:Page.FormOf == kind && Page.Errors.unit ?> has-error<?cs /if ?>"><label for="<?cs var:kind ?>-unit"><?cs var:Lang.Planning.Unit ?></label>
    <select id="<?cs var:kind ?>-unit" name="unit"<?cs if:Page.FormOf == kind && Page.Errors.unit ?> aria-invalid="true" aria-describedby="e-<?cs var:kind ?>-unit"<?cs /if ?>><?cs each:u = Page.Units ?><option value="<?cs var:u.Id ?>"<?cs if:Page.FormOf == kind && u.Id == Page.Form.unit ?> selected<?cs /if ?>><?cs loop:i = 1, u.Depth, 1 ?>— <?cs /loop ?><?cs var:u.Name ?></option><?cs /each ?></select>
    <?cs if:Page.FormOf == kind && Page.Errors.unit ?><p class="field-error" id="e-<?cs var:kind ?>-unit"><?cs var:Lang.Errors[Page.Errors.unit] ?></p><?cs /if ?></div>
  <div class="field<?cs if:Page.FormOf == kind && Page.Errors.position ?> has-error<?cs /if ?>"><label for="<?cs var:kind ?>-position"><?cs var:Lang.Planning.Position ?></label>
    <input id="<?cs var:kind ?>-position" name="position" type="text" autocomplete="off" value="<?cs if:Page.FormOf == kind ?><?cs var:Page.Form.position ?><?cs /if ?>"<?cs if:Page.FormOf == kind && Page.Errors.position ?> aria-invalid="true" aria-describedby="e-<?cs var:kind ?>-position"<?cs /if ?>>
    <?cs if:Page.FormOf == kind && Page.Errors.position ?><p class="field-error" id="e-<?cs var:kind ?>-position"><?cs var:Lang.Errors[Page.Errors.position] ?></p><?cs /if ?></div>
  <div class="actions"><button type="submit" class="btn"><?cs var:Lang.Planning.Workers.Add[kind] ?></button></div>
</form><?cs /if ?>
</section><?cs /def ?>
<?cs def:content() ?>
<h1><?cs call:title() ?></h1>
<?cs if:Page.Done == "taken" || Page.Done == "clash" ?><div class="alert alert-warn" role="alert"><?cs var:Lang.Planning.Mine.Done[Page.Done] ?></div>
<?cs elif:Page.Done ?><div class="alert alert-success" role="status"><?cs var:Lang.Planning.Mine.Done[Page.Done] ?></div><?cs /if ?>
<?cs if:subcount(Page.Errors) > 0 ?><div class="alert alert-error" role="alert"><?cs var:Lang.Errors.Summary ?></div><?cs /if ?>
<?cs if:Page.Agency ?><p class="muted"><?cs var:Lang.Planning.Mine.AgencyHelp ?> <a href="<?cs var:Page.Prefix ?>/planning/workers"><?cs var:Lang.Planning.Workers.Title ?></a></p>
<?cs call:keep("pool", Page.Pools, Lang.Planning.Workers.Pools, Lang.Planning.Workers.PoolHelp, "pools") ?>
<?cs call:keep("skill", Page.Skills, Lang.Planning.Workers.Skills, Lang.Planning.Workers.SkillHelp, "skills") ?>
<?cs else ?>
<section class="panel">
<h2><?cs var:Lang.Planning.Mine.Shifts ?></h2>
<?cs if:subcount(Page.Shifts) > 0 ?>
<ul class="shift-cards"><?cs each:s = Page.Shifts ?><li class="shift-card">
  <p class="shift-when"><time datetime="<?cs var:s.Date ?>"><?cs call:day(s.Day, s.D, s.M) ?></time> <span class="shift-time"><?cs var:s.Start ?>–<?cs var:s.End ?></span><?cs if:s.Break > 0 ?> <span class="muted small">(<?cs var:s.Break ?> min <?cs var:Lang.Planning.Mine.Break ?>)</span><?cs /if ?></p>
  <p><strong><?cs var:s.Position ?></strong> <span class="badge state-<?cs var:s.State ?>"><?cs var:Lang.Planning.States[s.State] ?></span></p>
  <p class="muted small"><span class="visually-hidden"><?cs var:Lang.Planning.Mine.Where ?>: </span><?cs var:s.Client ?><?cs if:s.Client && s.Unit ?> · <?cs /if ?><?cs var:s.Unit ?></p>
</li><?cs /each ?></ul>
<?cs else ?><p class="muted"><?cs var:Lang.Planning.Mine.NoShifts ?></p><?cs /if ?>
</section>
<?cs if:Page.MayClaim ?><section class="panel">
<h2><?cs var:Lang.Planning.Mine.Open ?></h2>
<p class="muted small"><?cs var:Lang.Planning.Mine.OpenHelp ?></p>
<?cs if:subcount(Page.Open) > 0 ?>
<ul class="shift-cards"><?cs each:s = Page.Open ?><li class="shift-card">
  <p class="shift-when" id="open-<?cs var:s.Id ?>"><time datetime="<?cs var:string.slice(s.When, 0, 10) ?>"><?cs call:day(s.Day, s.D, s.M) ?></time> <span class="shift-time"><?cs var:string.slice(s.When, 11, string.length(s.When)) ?></span><?cs if:s.Break > 0 ?> <span class="muted small">(<?cs var:s.Break ?> min <?cs var:Lang.Planning.Mine.Break ?>)</span><?cs /if ?></p>
  <p><strong><?cs var:s.Position ?></strong></p>
  <p class="muted small"><span class="visually-hidden"><?cs var:Lang.Planning.Mine.Where ?>: </span><?cs var:s.Client ?><?cs if:s.Client && s.Unit ?> · <?cs /if ?><?cs var:s.Unit ?></p>
  <form method="post" action="<?cs var:Page.Prefix ?>/planning/me/open/<?cs var:s.Id ?>/take"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><button type="submit" class="btn btn-primary" aria-describedby="open-<?cs var:s.Id ?>"><?cs var:Lang.Planning.Mine.Take ?></button></form>
</li><?cs /each ?></ul>
<?cs else ?><p class="muted"><?cs var:Lang.Planning.Mine.NoOpen ?></p><?cs /if ?>
</section><?cs /if ?>
<section class="panel">
<h2><?cs var:Lang.Planning.Mine.Feed ?></h2>
<?cs if:Page.FeedURL ?><div class="alert alert-success" role="status"><p><?cs var:Lang.Planning.Mine.FeedNew ?></p><p><code class="wrap"><?cs var:Page.FeedURL ?></code></p></div><?cs /if ?>
<p class="muted small"><?cs var:Lang.Planning.Mine.FeedHelp ?></p>
<form method="post" action="<?cs var:Page.Prefix ?>/planning/me/feed" class="inline">
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <button type="submit" class="btn"><?cs var:Lang.Planning.Mine.FeedMake ?></button>
</form>
</section>
<?cs /if ?>
<section class="panel">
<?cs if:Page.Agency ?><h2><?cs var:Lang.Planning.Mine.HisWeek ?></h2>
<p class="muted small"><?cs var:Lang.Planning.Mine.HisWeekHelp ?></p><?cs else ?>
<h2><?cs var:Lang.Planning.Mine.Week ?></h2>
<p class="muted small"><?cs var:Lang.Planning.Mine.WeekHelp ?></p><?cs /if ?>
<form method="post" action="<?cs var:Page.Prefix ?><?cs var:Page.Base ?>/week" novalidate>
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <?cs each:d = Page.Week ?>
  <fieldset class="inline day-times"><legend><?cs var:Lang.Planning.Mine.Days[d.Name] ?></legend>
    <?cs call:time("from" + d.No, Lang.Planning.Mine.From) ?><?cs call:time("to" + d.No, Lang.Planning.Mine.To) ?></fieldset>
  <?cs /each ?>
  <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Planning.Save ?></button></div>
</form>
</section>
<section class="panel">
<h2><?cs var:Lang.Planning.Mine.Exceptions ?></h2>
<?cs if:subcount(Page.Days) > 0 ?><ul class="plain day-list"><?cs each:x = Page.Days ?><li><span><strong><?cs call:date(x.Date) ?></strong>: <?cs if:x.Kind == "times" ?><?cs var:x.From ?>–<?cs var:x.To ?><?cs else ?><?cs var:Lang.Planning.Mine.Kinds[x.Kind] ?><?cs /if ?></span>
  <form method="post" action="<?cs var:Page.Prefix ?><?cs var:Page.Base ?>/days/<?cs var:x.Id ?>/delete" class="inline"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><button type="submit" class="btn btn-quiet"><?cs var:Lang.Planning.Mine.Remove ?></button></form></li><?cs /each ?></ul><?cs /if ?>
<form method="post" action="<?cs var:Page.Prefix ?><?cs var:Page.Base ?>/days" novalidate>
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <div class="field<?cs if:Page.Errors.date ?> has-error<?cs /if ?>"><label for="f-date"><?cs var:Lang.Planning.Mine.Date ?></label>
    <input id="f-date" name="date" type="date" value="<?cs var:Page.Form.date ?>"<?cs if:Page.Errors.date ?> aria-invalid="true" aria-describedby="e-date"<?cs /if ?>><?cs call:err("date") ?></div>
  <fieldset><legend><?cs var:Lang.Planning.Mine.ThatDay ?></legend>
    <?cs each:k = Lang.Planning.Mine.Kinds ?><label class="check"><input type="radio" name="kind" value="<?cs var:name(k) ?>"<?cs if:name(k) == Page.Form.kind || (!Page.Form.kind && name(k) == "off") ?> checked<?cs /if ?>> <?cs var:k ?></label><?cs /each ?>
    <?cs call:err("kind") ?></fieldset>
  <div class="day-times"><?cs call:time("from", Lang.Planning.Mine.From) ?><?cs call:time("to", Lang.Planning.Mine.To) ?></div>
  <div class="actions"><button type="submit" class="btn"><?cs var:Lang.Planning.Mine.AddDay ?></button></div>
</form>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
