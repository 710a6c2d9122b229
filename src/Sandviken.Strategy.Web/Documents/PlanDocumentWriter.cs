using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Sandviken.Strategy.Domain;
using Sandviken.Strategy.Domain.Documents;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Web.Components.Shared;

namespace Sandviken.Strategy.Web.Documents;

/// <summary>
/// Writes a <see cref="PlanDocument"/> as a Word document (.docx) for the agenda and the diarium (ADR 0034). Built for
/// accessibility: Word's own heading styles (so the navigation pane and screen readers see the structure), table header
/// rows repeated on each page, rows kept whole, Swedish as the language, and a title and author in the properties.
/// No images.
/// </summary>
internal static class PlanDocumentWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>The words that mark a working copy, in the title area and in the header of every page.</summary>
    public const string DraftMark = "Utkast – ej beslutat";

    /// <summary>Kolada's terms ask for this attribution wherever its values are shown.</summary>
    public const string KoladaAttribution = "Källa: Kolada";

    private const string Language = "sv-SE";

    public static byte[] Write(PlanDocument plan)
    {
        using var stream = new MemoryStream();
        using (var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            package.PackageProperties.Title = TitleOf(plan) + (plan.IsWorkingCopy ? $" ({DraftMark})" : $", version {plan.Decided!.Number}");
            package.PackageProperties.Creator = $"{plan.OrganisationName}, {plan.MunicipalityName}";
            package.PackageProperties.Language = Language;
            package.PackageProperties.Subject = $"{Labels.PlanNameOf(plan.OrganisationKind)} för budgetåret {Year(plan.BudgetYear)}";
            package.PackageProperties.Created = plan.ReadAtUtc;

            var main = package.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            main.AddNewPart<DocumentSettingsPart>().Settings = new Settings(
                new DefaultTabStop { Val = 1304 },
                new CharacterSpacingControl { Val = CharacterSpacingValues.DoNotCompress },
                new ThemeFontLanguages { Val = Language },
                new DecimalSymbol { Val = "," },
                new ListSeparator { Val = ";" });
            var header = main.AddNewPart<HeaderPart>();
            header.Header = new Header(TextParagraph(HeaderText(plan), "Header", bold: plan.IsWorkingCopy));
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = new Footer(new Paragraph(
                new ParagraphProperties(new ParagraphStyleId { Val = "Footer" }),
                TextRun($"{plan.OrganisationName} · {Labels.PlanNameOf(plan.OrganisationKind)} {Year(plan.BudgetYear)} · Sida "),
                new SimpleField(TextRun("1")) { Instruction = " PAGE " }));

            var body = new Body();
            body.Append(Content(plan));
            body.Append(new SectionProperties(
                new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) },
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1418, Right = 1134U, Bottom = 1418, Left = 1134U, Header = 709U, Footer = 709U, Gutter = 0U }));
            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    /// <summary>An ASCII file name: "namndplan-2027-kunskapsnamnden-version-2.docx", "…-utkast.docx" for the working copy.</summary>
    public static string FileNameOf(PlanDocument plan) =>
        $"{Slugs.From(Labels.PlanNameOf(plan.OrganisationKind))}-{Year(plan.BudgetYear)}-{plan.OrganisationSlug}-" +
        (plan.Decided is { } decided ? $"version-{decided.Number.ToString(CultureInfo.InvariantCulture)}" : "utkast") + ".docx";

    private static string TitleOf(PlanDocument plan) =>
        $"{Labels.PlanNameOf(plan.OrganisationKind)} {Year(plan.BudgetYear)} – {plan.OrganisationName}";

    private static string HeaderText(PlanDocument plan) => plan.Decided is { } decided
        ? $"{TitleOf(plan)} · Version {decided.Number.ToString(Swedish.Culture)}: {Labels.VersionOf(decided.Kind).ToLower(Swedish.Culture)}"
        : $"{DraftMark} · {TitleOf(plan)}";

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<OpenXmlElement> Content(PlanDocument plan)
    {
        yield return TextParagraph(TitleOf(plan), "Title");
        yield return TextParagraph(
            plan.Decided is { } version ? $"{Labels.VersionOf(version.Kind)}, version {version.Number.ToString(Swedish.Culture)}" : DraftMark,
            "Subtitle",
            bold: plan.IsWorkingCopy);
        yield return TextParagraph($"{plan.MunicipalityName}. {Labels.PlanNameOf(plan.OrganisationKind)} för budgetåret {Year(plan.BudgetYear)}.");

        foreach (var element in About(plan))
        {
            yield return element;
        }

        yield return TextParagraph("Mål per strategiskt område", "Heading1");
        if (!plan.Goals.Any())
        {
            yield return TextParagraph("Planen har inga mål.");
        }

        foreach (var area in plan.Areas)
        {
            yield return TextParagraph(area.Title, "Heading2");
            foreach (var goal in area.Goals)
            {
                foreach (var element in Goal(goal))
                {
                    yield return element;
                }
            }

            if (area.AlsoLinkedGoals.Count > 0)
            {
                yield return TextParagraph(
                    $"Mål under andra områden som också är kopplade hit: {string.Join(", ", area.AlsoLinkedGoals.Select(t => $"”{t}”"))}.");
            }
        }

        if (plan.ShowsKoladaValues)
        {
            yield return TextParagraph("Källor", "Heading1");
            yield return TextParagraph(
                $"Värden märkta ”{KoladaAttribution}” är hämtade från Kolada, den öppna databasen för kommuner och regioner. {KoladaAttribution}.");
        }
    }

    private static IEnumerable<OpenXmlElement> About(PlanDocument plan)
    {
        if (plan.Decided is { } decided)
        {
            yield return TextParagraph("Beslut", "Heading1");
            yield return Fact("Organisation", $"{plan.OrganisationName} ({Labels.Of(plan.OrganisationKind).ToLower(Swedish.Culture)}), {plan.MunicipalityName}");
            yield return Fact("Budgetår", Year(plan.BudgetYear));
            yield return Fact("Beslut", Labels.Of(decided.Kind));
            yield return Fact("Beslutsdatum", Labels.Date(decided.DecidedOn));
            yield return Fact("Beslutsinstans", decided.DecidedBy);
            yield return Fact("Paragraf och diarienummer", decided.Reference);
            yield return Fact("Version", $"{decided.Number.ToString(Swedish.Culture)} ({Labels.VersionOf(decided.Kind).ToLower(Swedish.Culture)}), fryst {Labels.StockholmTime(decided.CreatedAtUtc)}");
            yield return Fact("Kontrollsumma (SHA-256)", decided.ContentSha256);
            yield return TextParagraph(
                "Målen och indikatorerna är versionens frysta innehåll, som aldrig ändras. Kontrollsumman visar att innehållet är " +
                "detsamma som på planens sida i portalen. Senaste värden och uppföljningar är de som fanns registrerade " +
                $"{Labels.StockholmTime(plan.ReadAtUtc)}; de ingår inte i beslutet.");
        }
        else
        {
            yield return TextParagraph("Om utkastet", "Heading1");
            yield return Fact("Organisation", $"{plan.OrganisationName} ({Labels.Of(plan.OrganisationKind).ToLower(Swedish.Culture)}), {plan.MunicipalityName}");
            yield return Fact("Budgetår", Year(plan.BudgetYear));
            if (plan.WorkingCopyStatus is { } status)
            {
                yield return Fact("Planens status", Labels.Of(status));
            }

            yield return Fact("Arbetskopian hämtades", Labels.StockholmTime(plan.ReadAtUtc));
            yield return TextParagraph(
                $"{DraftMark}. Dokumentet visar arbetskopian som den såg ut när den hämtades, som underlag till nämndens eller " +
                "styrelsens sammanträde. Den kan ändras fram till beslutet. Det beslutade innehållet finns som fryst version på planens sida i portalen.");
            if (plan.WorkingCopyStatus == PlanStatus.Final)
            {
                // A fastställd plan's working copy is still not the record: the diarium takes the decided version.
                yield return TextParagraph("Planen är fastställd. Till diariet hör den beslutade versionen, som laddas ned från planens sida i portalen.");
            }
        }
    }

    private static IEnumerable<OpenXmlElement> Goal(DocumentGoal goal)
    {
        yield return TextParagraph(goal.Title, "Heading3");
        if (!string.IsNullOrWhiteSpace(goal.Description))
        {
            foreach (var line in goal.Description.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0))
            {
                yield return TextParagraph(line);
            }
        }

        yield return Fact("Strategiska områden", string.Join(", ", goal.AreaTitles));
        if (goal.Indicators.Count == 0)
        {
            yield return TextParagraph("Målet har inga indikatorer.");
        }
        else
        {
            yield return IndicatorTable(goal);
            // Word joins two tables that follow each other directly; an empty paragraph also gives some air.
            yield return new Paragraph();
        }

        yield return goal.FollowUp is { } followUp
            ? Fact(
                $"Senaste uppföljning ({Labels.Of(followUp.Point).ToLower(Swedish.Culture)})",
                $"{Labels.Of(followUp.Assessment)}." +
                (string.IsNullOrWhiteSpace(followUp.Comment) ? "" : $" {followUp.Comment.Trim()}") +
                $" Registrerad {Labels.StockholmTime(followUp.RecordedAtUtc)}" +
                (followUp.RecordedBy is { } by ? $" av {by}." : "."))
            : Fact("Senaste uppföljning", "Ingen uppföljning är registrerad.");
    }

    private static Table IndicatorTable(DocumentGoal goal)
    {
        // Widths in twentieths of a point; they add up to the text width of an A4 page with these margins.
        int[] widths = [2450, 1650, 1350, 1050, 1250, 1888];
        var table = new Table(
            new TableProperties(
                new TableStyle { Val = "TableGrid" },
                new TableWidth { Width = widths.Sum().ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableLook { Val = "04A0", FirstRow = true, LastRow = false, FirstColumn = true, LastColumn = false, NoHorizontalBand = false, NoVerticalBand = true },
                new TableCaption { Val = $"Indikatorer för målet ”{Clean(goal.Title)}”" }),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));

        table.Append(Row(widths, header: true, "Indikator", "Utgångsläge", "Målvärde", "Enhet", "Riktning", "Senaste värde"));
        foreach (var indicator in goal.Indicators)
        {
            table.Append(Row(
                widths,
                header: false,
                indicator.KoladaKpiId is { } kpi ? $"{indicator.Name}\nKolada-id {kpi}" : indicator.Name,
                ValueText(indicator.BaselineValue, indicator.BaselineYear),
                ValueText(indicator.TargetValue, indicator.TargetYear),
                indicator.Unit.Length > 0 ? indicator.Unit : "–",
                Labels.Of(indicator.Direction),
                indicator.Latest is { } latest
                    ? $"{Labels.Number(latest.Value)} ({latest.Period})\n{(latest.IsFromKolada ? KoladaAttribution : $"Källa: {latest.Source}")}"
                    : "Inget värde ännu"));
        }

        return table;
    }

    private static string ValueText(decimal? value, int? year) =>
        value is null ? "–" : $"{Labels.Number(value)}{(year is { } y ? $" ({Year(y)})" : "")}";

    // Every row is kept on one page; the header row is repeated at the top of each page the table runs onto.
    private static TableRow Row(int[] widths, bool header, params string[] cells)
    {
        var properties = new TableRowProperties(new CantSplit());
        if (header)
        {
            properties.Append(new TableHeader());
        }

        var row = new TableRow(properties);
        for (var i = 0; i < cells.Length; i++)
        {
            var cellProperties = new TableCellProperties(
                new TableCellWidth { Width = widths[i].ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
            if (header)
            {
                cellProperties.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "DCE6EE" });
            }

            var paragraph = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "TableText" }));
            var lines = cells[i].Split('\n');
            for (var l = 0; l < lines.Length; l++)
            {
                if (l > 0)
                {
                    paragraph.Append(new Run(new Break()));
                }

                paragraph.Append(TextRun(lines[l], bold: header));
            }

            row.Append(new TableCell(cellProperties, paragraph));
        }

        return row;
    }

    private static Paragraph Fact(string label, string value) =>
        new(TextRun($"{label}: ", bold: true), TextRun(value));

    private static Paragraph TextParagraph(string text, string? style = null, bool bold = false)
    {
        var paragraph = new Paragraph();
        if (style is not null)
        {
            paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        }

        paragraph.Append(TextRun(text, bold));
        return paragraph;
    }

    private static Run TextRun(string text, bool bold = false)
    {
        var run = new Run();
        if (bold)
        {
            run.Append(new RunProperties(new Bold()));
        }

        run.Append(new Text(Clean(text)) { Space = SpaceProcessingModeValues.Preserve });
        return run;
    }

    // Text typed by people may hold control characters that XML cannot carry.
    private static string Clean(string text) =>
        text.Any(c => char.IsControl(c) && c != '\t') ? new string([.. text.Where(c => !char.IsControl(c) || c == '\t')]) : text;

    private static Styles Styles()
    {
        var styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri", EastAsia = "Calibri", ComplexScript = "Calibri" },
                    new FontSize { Val = "22" },
                    new FontSizeComplexScript { Val = "22" },
                    new Languages { Val = Language, EastAsia = Language, Bidi = "ar-SA" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { After = "120", Line = "264", LineRule = LineSpacingRuleValues.Auto }))));

        styles.Append(new Style(new StyleName { Val = "Normal" }, new PrimaryStyle())
        {
            Type = StyleValues.Paragraph, StyleId = "Normal", Default = true,
        });
        styles.Append(ParagraphStyle("Title", "Title", size: 48, outlineLevel: null, color: "1F3864", spacingBefore: 0, spacingAfter: 120));
        styles.Append(ParagraphStyle("Subtitle", "Subtitle", size: 30, outlineLevel: null, color: "404040", spacingBefore: 0, spacingAfter: 240));
        // The built-in names ("heading 1") make Word treat them as its own headings, in the navigation pane too.
        styles.Append(ParagraphStyle("Heading1", "heading 1", size: 32, outlineLevel: 0, color: "1F3864", spacingBefore: 360, spacingAfter: 120));
        styles.Append(ParagraphStyle("Heading2", "heading 2", size: 28, outlineLevel: 1, color: "1F3864", spacingBefore: 320, spacingAfter: 120));
        styles.Append(ParagraphStyle("Heading3", "heading 3", size: 24, outlineLevel: 2, color: "1F3864", spacingBefore: 240, spacingAfter: 80));
        styles.Append(new Style(
            new StyleName { Val = "header" }, new BasedOn { Val = "Normal" }, new UIPriority { Val = 99 },
            new StyleRunProperties(new FontSize { Val = "18" }))
        {
            Type = StyleValues.Paragraph, StyleId = "Header",
        });
        styles.Append(new Style(
            new StyleName { Val = "footer" }, new BasedOn { Val = "Normal" }, new UIPriority { Val = 99 },
            new StyleRunProperties(new FontSize { Val = "18" }))
        {
            Type = StyleValues.Paragraph, StyleId = "Footer",
        });
        styles.Append(new Style(
            new StyleName { Val = "Table Text" }, new BasedOn { Val = "Normal" }, new UIPriority { Val = 99 },
            new StyleParagraphProperties(new SpacingBetweenLines { Before = "40", After = "40" }),
            new StyleRunProperties(new FontSize { Val = "20" }))
        {
            Type = StyleValues.Paragraph, StyleId = "TableText",
        });
        styles.Append(new Style(
            new StyleName { Val = "Table Grid" }, new UIPriority { Val = 59 },
            new StyleTableProperties(
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4U, Space = 0U, Color = "808080" },
                    new LeftBorder { Val = BorderValues.Single, Size = 4U, Space = 0U, Color = "808080" },
                    new BottomBorder { Val = BorderValues.Single, Size = 4U, Space = 0U, Color = "808080" },
                    new RightBorder { Val = BorderValues.Single, Size = 4U, Space = 0U, Color = "808080" },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4U, Space = 0U, Color = "808080" },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4U, Space = 0U, Color = "808080" }),
                new TableCellMarginDefault(
                    new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 108, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 108, Type = TableWidthValues.Dxa })))
        {
            Type = StyleValues.Table, StyleId = "TableGrid",
        });
        return styles;
    }

    private static Style ParagraphStyle(string id, string name, int size, int? outlineLevel, string color, int spacingBefore, int spacingAfter)
    {
        var paragraph = new StyleParagraphProperties(
            new KeepNext(),
            new KeepLines(),
            new SpacingBetweenLines
            {
                Before = spacingBefore.ToString(CultureInfo.InvariantCulture),
                After = spacingAfter.ToString(CultureInfo.InvariantCulture),
            });
        if (outlineLevel is { } level)
        {
            paragraph.Append(new OutlineLevel { Val = level });
        }

        return new Style(
            new StyleName { Val = name },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new UIPriority { Val = outlineLevel is null ? 10 : 9 },
            new PrimaryStyle(),
            paragraph,
            new StyleRunProperties(
                new Bold(),
                new Color { Val = color },
                new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) },
                new FontSizeComplexScript { Val = size.ToString(CultureInfo.InvariantCulture) }))
        {
            Type = StyleValues.Paragraph, StyleId = id,
        };
    }
}
